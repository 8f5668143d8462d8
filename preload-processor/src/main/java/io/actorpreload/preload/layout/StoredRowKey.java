package io.actorpreload.preload.layout;

/**
 * A decoded row key of {@link KeyLayout}: which user key it belongs to and whether it is the
 * metadata row or value chunk {@code chunkIndex}.
 *
 * @param userKey the user key, never null
 * @param metadata true for the metadata row
 * @param chunkIndex the chunk index of a value row; -1 for the metadata row
 */
public record StoredRowKey(byte[] userKey, boolean metadata, int chunkIndex) {}
