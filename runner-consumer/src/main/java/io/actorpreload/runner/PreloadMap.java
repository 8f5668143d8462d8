package io.actorpreload.runner;

import io.actorpreload.avro.PrefixPreload;
import io.actorpreload.avro.PreloadEntry;
import io.actorpreload.avro.PreloadedKv;
import io.actorpreload.runner.internals.ByteKeys;
import io.actorpreload.runner.internals.KeyIndex;
import io.actorpreload.schemas.ByteStrings;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys one actor's start command carries, answering reads locally and saying for every key
 * whether the answer is authoritative.
 *
 * <p>Built once per command from a {@link PreloadedKv} ({@link #of} copies its bytes, {@link #sharing}
 * keeps a just-decoded command's own arrays and leaves it read-only views); never changed afterwards, so
 * safe to share between threads. {@link #get} finds entries and requested get-keys by hash
 * ({@link KeyIndex}); listings are binary searches over the entries sorted in unsigned
 * lexicographic order. The arrays are checked on build and sorted when a producer sent them out of
 * order. A preload that contradicts itself (two entries or two prefixes with one key, a
 * {@code resumeAfter} outside its prefix, a null element) is not trusted at all: every answer is
 * "not preloaded" and one WARN says why. It never gives a wrong answer.
 *
 * <p>A {@code PreloadMap} does not see writes: {@link ActorKvView} layers the actor's writes on top.
 */
public final class PreloadMap {
    private static final Logger LOG = LoggerFactory.getLogger(PreloadMap.class);
    private static final PreloadMap NONE = new PreloadMap(
            OptionalLong.empty(), new byte[0][], new ByteBuffer[0], new ValueMetadata[0], new byte[0][], new Prefix[0]);
    private static final byte[][] NO_KEYS = new byte[0][];

    private final OptionalLong readVersion;
    private final byte[][] keys;
    /** Read-only, each at position 0: handed out as they are ({@code duplicate()}s), never written. */
    private final ByteBuffer[] values;

    private final ValueMetadata[] metadata;
    /**
     * The {@code Found} answer of each entry, made on its first {@link #get} (sharing the value's
     * buffer) and handed out again after that. Racy on purpose: {@code Found} is immutable, so a thread
     * that sees another's write sees it whole, and one that does not makes an equal one.
     */
    private final PreloadedGet.Found[] found;

    private final KeyIndex keyIndex;
    private final byte[][] getKeys;
    private final KeyIndex getKeyIndex;
    /** Sorted by prefix: {@link #coveredByPrefix} stops at the first prefix past the key. */
    private final Prefix[] prefixes;

    /** A requested prefix; {@code resumeAfter} is null when complete or when nothing was kept. */
    private record Prefix(byte[] prefix, boolean complete, byte[] resumeAfter) {}

    private PreloadMap(
            OptionalLong readVersion,
            byte[][] keys,
            ByteBuffer[] values,
            ValueMetadata[] metadata,
            byte[][] getKeys,
            Prefix[] prefixes) {
        this.readVersion = readVersion;
        this.keys = keys;
        this.values = values;
        this.metadata = metadata;
        this.found = new PreloadedGet.Found[keys.length];
        this.keyIndex = KeyIndex.of(keys);
        this.getKeys = getKeys;
        this.getKeyIndex = KeyIndex.of(getKeys);
        this.prefixes = prefixes;
    }

    /** The map of a command without a preload: every answer is "not preloaded". */
    public static PreloadMap none() {
        return NONE;
    }

    /**
     * Builds the map of {@code preload}; {@code null} gives {@link #none()}. Copies everything it
     * keeps, so later changes to {@code preload} do not show through.
     */
    public static PreloadMap of(PreloadedKv preload) {
        return trusted(preload, Bytes.COPIED);
    }

    /**
     * Builds the map of a {@code preload} just decoded, keeping its bytes instead of copying them
     * where it can: a read-only value buffer (the views of the payload that
     * {@code SpecificAvroDeserializer} decodes) is kept as it is; a buffer covering a whole heap
     * array (as Avro's own decoder makes them) is kept too, and a read-only view put in its place in
     * {@code preload} itself. So the holder of {@code preload} can read the same bytes and can
     * change neither them nor the map's answers. Any other buffer is copied, as {@link #of} does,
     * and so is every key the map keeps that is not a whole array (keys are short).
     */
    public static PreloadMap sharing(PreloadedKv preload) {
        return trusted(preload, Bytes.SHARED);
    }

    /** The map of {@code preload}, or {@link #none()} when it contradicts itself. */
    private static PreloadMap trusted(PreloadedKv preload, Bytes bytes) {
        if (preload == null) {
            return NONE;
        }
        try {
            return build(preload, bytes);
        } catch (UntrustedPreloadException e) {
            LOG.warn(
                    "Ignoring the whole preload read at version {}: {}. Every read of this actor goes to the KV "
                            + "store instead; the producer of the start command has a bug to fix.",
                    preload.getReadVersion(),
                    e.getMessage());
            return NONE;
        }
    }

    /** The snapshot version the preload was read at; empty for a map without a (trusted) preload. */
    public OptionalLong readVersion() {
        return readVersion;
    }

    /** True when some answer may be authoritative; false for {@link #none()} and untrusted preloads. */
    public boolean hasPreload() {
        return readVersion.isPresent();
    }

    /** Number of preloaded entries. */
    public int entryCount() {
        return keys.length;
    }

    /**
     * The preload's answer for {@code key}: {@code Found} when the snapshot had it; {@code Absent}
     * when the snapshot did not and the key was requested, or lies under a complete requested
     * prefix, or under a partial one at or before its {@code resumeAfter}; else {@code NotPreloaded}.
     */
    public PreloadedGet get(byte[] key) {
        if (keys.length == 0 && getKeys.length == 0) {
            // none(), an untrusted preload, or prefixes with nothing under them: no hash to compute.
            return coveredByPrefix(key) ? PreloadedGet.Absent.INSTANCE : PreloadedGet.NotPreloaded.INSTANCE;
        }
        long hash = KeyIndex.hash(key);
        int i = keyIndex.indexOf(key, hash);
        if (i >= 0) {
            PreloadedGet.Found answer = found[i];
            if (answer == null) {
                answer = PreloadedGet.Found.sharing(values[i], metadata[i]);
                found[i] = answer;
            }
            return answer;
        }
        if (getKeys.length != 0 && getKeyIndex.indexOf(key, hash) >= 0 || coveredByPrefix(key)) {
            return PreloadedGet.Absent.INSTANCE;
        }
        return PreloadedGet.NotPreloaded.INSTANCE;
    }

    /**
     * The preload's listing of every key starting with {@code prefix}, for a requested prefix and for
     * any {@code prefix} that extends one (the listing is then restricted to {@code prefix}). Complete
     * when a covering requested prefix is complete, or when a partial one's {@code resumeAfter} lies
     * past every key under {@code prefix}; partial otherwise; {@code NotPreloaded} when no requested
     * prefix covers {@code prefix}.
     */
    public PreloadedListing listPrefix(byte[] prefix) {
        boolean covered = false;
        byte[] resumeAfter = null;
        for (Prefix requested : prefixes) {
            if (!ByteKeys.startsWith(prefix, requested.prefix)) {
                continue;
            }
            if (requested.complete) {
                return new PreloadedListing.Complete(entriesUnder(prefix, null));
            }
            covered = true;
            if (requested.resumeAfter != null
                    && (resumeAfter == null || ByteKeys.compare(requested.resumeAfter, resumeAfter) > 0)) {
                resumeAfter = requested.resumeAfter;
            }
        }
        if (!covered) {
            return PreloadedListing.NotPreloaded.INSTANCE;
        }
        if (resumeAfter == null || ByteKeys.compare(resumeAfter, prefix) < 0) {
            // Nothing under this prefix is covered: resumeAfter sorts before all of it.
            return new PreloadedListing.Partial(List.of(), Optional.empty());
        }
        if (!ByteKeys.startsWith(resumeAfter, prefix)) {
            // resumeAfter sorts after every key under this prefix, so all of them were read.
            return new PreloadedListing.Complete(entriesUnder(prefix, null));
        }
        return new PreloadedListing.Partial(entriesUnder(prefix, resumeAfter), Optional.of(resumeAfter));
    }

    private boolean coveredByPrefix(byte[] key) {
        for (Prefix requested : prefixes) {
            byte[] prefix = requested.prefix;
            int common = Math.min(key.length, prefix.length);
            int mismatch = Arrays.mismatch(key, 0, common, prefix, 0, common);
            if (mismatch >= 0) {
                if (Byte.toUnsignedInt(key[mismatch]) < Byte.toUnsignedInt(prefix[mismatch])) {
                    // This prefix sorts after the key, and so do the rest; a prefix of the key sorts before it.
                    return false;
                }
                continue;
            }
            if (prefix.length > key.length) {
                // The key is a proper prefix of this prefix: the same, this one and the rest sort after it.
                return false;
            }
            if (requested.complete
                    || requested.resumeAfter != null && ByteKeys.compare(key, requested.resumeAfter) <= 0) {
                return true;
            }
        }
        return false;
    }

    /** Entries under {@code prefix} in key order, up to and including {@code last} when not null. */
    private List<KvEntry> entriesUnder(byte[] prefix, byte[] last) {
        List<KvEntry> result = new ArrayList<>();
        for (int i = ByteKeys.lowerBound(keys, prefix); i < keys.length && ByteKeys.startsWith(keys[i], prefix); i++) {
            if (last != null && ByteKeys.compare(keys[i], last) > 0) {
                break;
            }
            result.add(KvEntry.sharing(keys[i], values[i], Optional.of(metadata[i])));
        }
        return result;
    }

    private static PreloadMap build(PreloadedKv preload, Bytes bytes) {
        List<PreloadEntry> entries = notNull(preload.getEntries(), "entries");
        int n = entries.size();
        byte[][] keys = new byte[n][];
        ByteBuffer[] values = new ByteBuffer[n];
        ValueMetadata[] metadata = new ValueMetadata[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            PreloadEntry entry = notNull(entries.get(i), "an entry");
            io.actorpreload.avro.KvMetadata meta = notNull(entry.getMetadata(), "an entry's metadata");
            keys[i] = bytes.take(notNull(entry.getKey(), "an entry's key"), entry::setKey);
            values[i] = bytes.view(notNull(entry.getValue(), "an entry's value"), entry::setValue);
            // Copied whatever the mode: ValueMetadata keeps its own copy of the few bytes of a version.
            metadata[i] = new ValueMetadata(
                    bytes(meta.getVersion(), "a metadata version"), notNull(meta.getUpdateTs(), "a metadata updateTs"));
            order[i] = i;
        }
        if (!isSorted(keys)) {
            Arrays.sort(order, Comparator.comparing(i -> keys[i], ByteKeys.ORDER));
            byte[][] sortedKeys = new byte[n][];
            ByteBuffer[] sortedValues = new ByteBuffer[n];
            ValueMetadata[] sortedMetadata = new ValueMetadata[n];
            for (int i = 0; i < n; i++) {
                sortedKeys[i] = keys[order[i]];
                sortedValues[i] = values[order[i]];
                sortedMetadata[i] = metadata[order[i]];
            }
            return build(preload, bytes, sortedKeys, sortedValues, sortedMetadata);
        }
        return build(preload, bytes, keys, values, metadata);
    }

    private static PreloadMap build(
            PreloadedKv preload, Bytes bytes, byte[][] keys, ByteBuffer[] values, ValueMetadata[] metadata) {
        rejectDuplicates(keys, "entry key");
        return new PreloadMap(
                OptionalLong.of(preload.getReadVersion()),
                keys,
                values,
                metadata,
                getKeys(preload, bytes),
                prefixes(preload));
    }

    private static byte[][] getKeys(PreloadedKv preload, Bytes bytes) {
        List<ByteBuffer> requested = notNull(preload.getRequestedGetKeys(), "requestedGetKeys");
        byte[][] getKeys = new byte[requested.size()][];
        for (int i = 0; i < getKeys.length; i++) {
            int at = i;
            getKeys[i] = bytes.take(notNull(requested.get(i), "a requested get-key"), view -> requested.set(at, view));
        }
        // Left in the producer's order: only the hash index looks them up. A get-key listed twice
        // says the same thing twice: harmless, so no reason to distrust.
        return getKeys.length == 0 ? NO_KEYS : getKeys;
    }

    private static Prefix[] prefixes(PreloadedKv preload) {
        List<PrefixPreload> requested = notNull(preload.getRequestedPrefixes(), "requestedPrefixes");
        Prefix[] prefixes = new Prefix[requested.size()];
        for (int i = 0; i < prefixes.length; i++) {
            PrefixPreload p = notNull(requested.get(i), "a requested prefix");
            byte[] prefix = bytes(p.getPrefix(), "a requested prefix's bytes");
            byte[] resumeAfter = null;
            if (!p.getComplete() && p.getResumeAfter() != null) {
                resumeAfter = ByteStrings.toArray(p.getResumeAfter());
                if (!ByteKeys.startsWith(resumeAfter, prefix)) {
                    throw new UntrustedPreloadException("the partial prefix " + ByteStrings.hex(prefix)
                            + " has resumeAfter " + ByteStrings.hex(resumeAfter) + " outside it");
                }
            }
            prefixes[i] = new Prefix(prefix, p.getComplete(), resumeAfter);
        }
        Arrays.sort(prefixes, Comparator.comparing(Prefix::prefix, ByteKeys.ORDER));
        byte[][] sorted = new byte[prefixes.length][];
        for (int i = 0; i < prefixes.length; i++) {
            sorted[i] = prefixes[i].prefix;
        }
        rejectDuplicates(sorted, "requested prefix");
        return prefixes;
    }

    private static boolean isSorted(byte[][] keys) {
        for (int i = 1; i < keys.length; i++) {
            if (ByteKeys.compare(keys[i - 1], keys[i]) > 0) {
                return false;
            }
        }
        return true;
    }

    private static void rejectDuplicates(byte[][] sorted, String what) {
        for (int i = 1; i < sorted.length; i++) {
            if (Arrays.equals(sorted[i - 1], sorted[i])) {
                throw new UntrustedPreloadException(
                        "the " + what + " " + ByteStrings.hex(sorted[i]) + " appears twice");
            }
        }
    }

    private static byte[] bytes(ByteBuffer buffer, String what) {
        return ByteStrings.toArray(notNull(buffer, what));
    }

    /** How a map gets the bytes of a preload's buffers: {@link #of} copies them, {@link #sharing} keeps them. */
    private enum Bytes {
        COPIED {
            @Override
            byte[] take(ByteBuffer buffer, Consumer<ByteBuffer> replaceWith) {
                return ByteStrings.toArray(buffer);
            }

            @Override
            ByteBuffer view(ByteBuffer buffer, Consumer<ByteBuffer> replaceWith) {
                return readOnly(take(buffer, replaceWith));
            }
        },
        SHARED {
            @Override
            ByteBuffer view(ByteBuffer buffer, Consumer<ByteBuffer> replaceWith) {
                // A slice, so that the holder of the buffer moving its position does not move the map's.
                return buffer.isReadOnly() ? buffer.slice() : readOnly(take(buffer, replaceWith));
            }

            @Override
            byte[] take(ByteBuffer buffer, Consumer<ByteBuffer> replaceWith) {
                if (!buffer.hasArray()
                        || buffer.arrayOffset() != 0
                        || buffer.position() != 0
                        || buffer.remaining() != buffer.array().length) {
                    return ByteStrings.toArray(buffer); // a view of part of an array: its owner may reuse the rest
                }
                byte[] bytes = buffer.array();
                try {
                    replaceWith.accept(ByteBuffer.wrap(bytes).asReadOnlyBuffer());
                } catch (UnsupportedOperationException e) {
                    return ByteStrings.toArray(buffer); // an unmodifiable list keeps its writable buffer
                }
                return bytes;
            }
        };

        /** The bytes of {@code buffer}; where they are kept rather than copied, {@code buffer} is replaced by a read-only view. */
        abstract byte[] take(ByteBuffer buffer, Consumer<ByteBuffer> replaceWith);

        /** The bytes of {@code buffer} as a read-only buffer at position 0, kept or copied as {@link #take} does. */
        abstract ByteBuffer view(ByteBuffer buffer, Consumer<ByteBuffer> replaceWith);

        private static ByteBuffer readOnly(byte[] bytes) {
            return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
        }
    }

    private static <T> T notNull(T value, String what) {
        if (value == null) {
            throw new UntrustedPreloadException(what + " is null");
        }
        return value;
    }

    /** The preload contradicts itself; thrown and caught only while building. */
    private static final class UntrustedPreloadException extends RuntimeException {
        UntrustedPreloadException(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public String toString() {
        return hasPreload()
                ? "PreloadMap[readVersion=" + readVersion.getAsLong() + ", entries=" + keys.length + ", getKeys="
                        + getKeys.length + ", prefixes=" + prefixes.length + "]"
                : "PreloadMap[none]";
    }
}
