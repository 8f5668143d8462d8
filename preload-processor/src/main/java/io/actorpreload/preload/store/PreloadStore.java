package io.actorpreload.preload.store;

/**
 * The store SPI: a KV store holding actors' keys in the layout of DESIGN.md ("Key layout").
 * TODO issue 3: snapshot reads for the preload, and a writer for the same layout.
 */
public interface PreloadStore extends AutoCloseable {
    @Override
    void close();
}
