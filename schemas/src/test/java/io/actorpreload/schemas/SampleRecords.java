package io.actorpreload.schemas;

import io.actorpreload.avro.ActorStartReport;
import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.avro.KvMetadata;
import io.actorpreload.avro.PrefixPreload;
import io.actorpreload.avro.PrefixRequest;
import io.actorpreload.avro.PreloadEntry;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.PreloadedKv;
import io.actorpreload.avro.ReadMethod;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.avro.StartupRead;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * One filled-in instance of every record of the schemas module, every optional field set (but a
 * command's preloadFailure, which a preloaded command does not have), for round-trip tests. Each call returns new instances (generated records are mutable).
 */
public final class SampleRecords {
    private static final Instant WHEN = Instant.ofEpochMilli(1_700_000_000_123L);

    private SampleRecords() {}

    /** One instance of every record type, the nested ones included. */
    public static List<SpecificRecord> everyRecord() {
        return List.of(
                kvMetadata(),
                preloadEntry(),
                prefixPreload(),
                preloadedKv(),
                actorStartRequested(),
                startActorCommand(),
                prefixRequest(),
                preloadManifest(),
                startupRead(),
                actorStartReport());
    }

    public static KvMetadata kvMetadata() {
        return new KvMetadata(bytes("v7"), WHEN);
    }

    public static PreloadEntry preloadEntry() {
        return new PreloadEntry(bytes("state"), bytes("{\"count\":3}"), kvMetadata());
    }

    public static PrefixPreload prefixPreload() {
        return new PrefixPreload(bytes("conn/"), false, bytes("conn/0007"));
    }

    public static PreloadedKv preloadedKv() {
        return new PreloadedKv(
                42L,
                List.of(preloadEntry()),
                List.of(bytes("missing"), bytes("state")),
                List.of(prefixPreload()),
                37L,
                WHEN.plusMillis(250));
    }

    public static ActorStartRequested actorStartRequested() {
        return new ActorStartRequested("actor-1", 3L, "default", "counter", "runner-a", WHEN, bytes("input"));
    }

    public static StartActorCommand startActorCommand() {
        return new StartActorCommand(
                "actor-1",
                3L,
                "default",
                "counter",
                "runner-a",
                WHEN,
                bytes("input"),
                preloadedKv(),
                PreloadStatus.PRELOADED,
                null);
    }

    public static PrefixRequest prefixRequest() {
        return new PrefixRequest(bytes("conn/"), 4096L, true);
    }

    public static PreloadManifest preloadManifest() {
        return new PreloadManifest(
                "counter", List.of(bytes("state"), bytes("missing")), List.of(prefixRequest()), 65_536L, 7L, true);
    }

    /** A declared manifest as a runner publishes it: no learned version, no learn mark. */
    public static PreloadManifest declaredManifest() {
        return PreloadManifest.newBuilder(preloadManifest())
                .setLearnedVersion(null)
                .setLearn(null)
                .build();
    }

    public static StartupRead startupRead() {
        return new StartupRead(ReadMethod.LIST_PREFIX, bytes("conn/"), true, 1_100L, 2);
    }

    public static ActorStartReport actorStartReport() {
        return new ActorStartReport(
                "counter",
                "actor-1",
                3L,
                "runner-a",
                PreloadStatus.PRELOADED,
                4_096L,
                1,
                512L,
                List.of(new StartupRead(ReadMethod.GET, bytes("state"), false, 40L, 1), startupRead()),
                1);
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
