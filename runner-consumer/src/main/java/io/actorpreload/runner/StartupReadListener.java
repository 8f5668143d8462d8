package io.actorpreload.runner;

import io.actorpreload.avro.ReadMethod;
import java.util.List;

/**
 * Told of every read an {@link ActorKvView} makes during start-up, answered by the preload or not,
 * also when there is no preload at all (that is what a manifest is learned from). A read answered
 * from the actor's own earlier write is not passed: no preload could have saved it. Called on the
 * reading thread after the read; must not throw or block. Not called after the view was released.
 */
@FunctionalInterface
interface StartupReadListener {
    /** A listener that does nothing. */
    StartupReadListener NONE = (method, key, answeredByPreload, returned) -> {};

    /**
     * @param method            {@code GET} (a batch get of one key), {@code BATCH_GET} (one key of a larger
     *                          batch get), {@code LIST_PREFIX}
     * @param key               the key or prefix read; do not keep or change it
     * @param answeredByPreload true when the preload answered authoritatively, false when it cost a round trip
     * @param returned          the entries that came back for this key or prefix (empty when absent)
     */
    void onRead(ReadMethod method, byte[] key, boolean answeredByPreload, List<KvEntry> returned);
}
