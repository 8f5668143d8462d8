package io.actorpreload.preload.store;

import java.util.Objects;

/** One raw change of a {@link PreloadStore#write} batch. The arrays are not copied; do not change them. */
public sealed interface Mutation {

    /** Sets {@code key} to {@code value}. */
    record Set(byte[] key, byte[] value) implements Mutation {
        public Set {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    /** Removes every row of {@code [begin, end)}. */
    record ClearRange(byte[] begin, byte[] end) implements Mutation {
        public ClearRange {
            Objects.requireNonNull(begin, "begin");
            Objects.requireNonNull(end, "end");
        }
    }
}
