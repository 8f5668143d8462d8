package io.actorpreload.runner;

import io.actorpreload.schemas.ByteStrings;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@link PreloadMap#listPrefix}. A truncated listing has its own type, so it cannot
 * be mistaken for a whole one:
 * <ul>
 *   <li>{@link Complete}: every key under the prefix, in key order;</li>
 *   <li>{@link Partial}: the keys under the prefix up to and including {@code resumeAfter}, in key
 *       order; the rest is unknown. {@code resumeAfter} is empty when the preload covers none of
 *       the prefix (then {@code entries} is empty too);</li>
 *   <li>{@link NotPreloaded}: the preload says nothing about this prefix.</li>
 * </ul>
 * Immutable; entries are unmodifiable lists.
 */
public sealed interface PreloadedListing
        permits PreloadedListing.Complete, PreloadedListing.Partial, PreloadedListing.NotPreloaded {

    /** Every entry under the prefix, in key order. */
    record Complete(List<KvEntry> entries) implements PreloadedListing {
        public Complete {
            entries = List.copyOf(entries);
        }
    }

    /** The entries under the prefix up to and including {@code resumeAfter}, in key order. */
    record Partial(List<KvEntry> entries, Optional<byte[]> resumeAfter) implements PreloadedListing {
        public Partial {
            entries = List.copyOf(entries);
            resumeAfter = Objects.requireNonNull(resumeAfter, "resumeAfter").map(byte[]::clone);
        }

        /** A copy of the last key covered; empty when none of the prefix is covered. */
        @Override
        public Optional<byte[]> resumeAfter() {
            return resumeAfter.map(byte[]::clone);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Partial that
                    && entries.equals(that.entries)
                    && resumeAfter.isPresent() == that.resumeAfter.isPresent()
                    && (resumeAfter.isEmpty() || Arrays.equals(resumeAfter.get(), that.resumeAfter.get()));
        }

        @Override
        public int hashCode() {
            return 31 * entries.hashCode() + resumeAfter.map(Arrays::hashCode).orElse(0);
        }

        @Override
        public String toString() {
            return "Partial[entries=" + entries + ", resumeAfter="
                    + resumeAfter.map(ByteStrings::hex).orElse("none") + "]";
        }
    }

    /** The preload did not read this prefix: only the store can answer. */
    record NotPreloaded() implements PreloadedListing {
        static final NotPreloaded INSTANCE = new NotPreloaded();
    }
}
