package io.actorpreload.runner;

import java.util.List;

/**
 * The runner's client of its KV store, as the runner library sees it: each call is one round trip.
 * The runner implements it over its real store; {@link ActorKvView} implements it over a preload.
 *
 * <p>Keys and values are byte strings ordered by unsigned lexicographic order. Arguments and
 * results are never null. Implementations say themselves whether they are thread-safe; a failed
 * call throws an unchecked exception and may or may not have been applied.
 */
public interface KvClient {
    /** The entries of those {@code keys} that exist, in any order; a missing key has no entry. */
    List<KvEntry> batchGet(List<byte[]> keys);

    /** Every entry whose key starts with {@code prefix}, in key order. */
    List<KvEntry> listPrefix(byte[] prefix);

    /** Writes every put in one batch. */
    void batchPut(List<KvPut> puts);

    /** Deletes every key in one batch; deleting a missing key is not an error. */
    void batchDelete(List<byte[]> keys);
}
