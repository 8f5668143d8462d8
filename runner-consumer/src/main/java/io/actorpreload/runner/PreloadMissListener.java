package io.actorpreload.runner;

/**
 * Told of every {@link PreloadMiss}, for metrics (e.g. a counter per actor type and method).
 * Called on the thread that made the read, before the KV round trip; must not throw or block.
 */
@FunctionalInterface
interface PreloadMissListener {
    /** A listener that does nothing (the view still logs every miss). */
    PreloadMissListener NONE = miss -> {};

    void onMiss(PreloadMiss miss);
}
