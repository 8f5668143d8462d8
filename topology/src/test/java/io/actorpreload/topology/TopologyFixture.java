package io.actorpreload.topology;

import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.avro.KvMetadata;
import io.actorpreload.avro.PrefixRequest;
import io.actorpreload.avro.PreloadEntry;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.avro.PreloadedKv;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** Test fixtures: configurations on a fresh in-memory registry scope, serdes on it, sample records. */
final class TopologyFixture {
    private TopologyFixture() {}

    /** The settings of a test configuration, on a registry scope of its own. */
    static Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(PreloadTopologyConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        settings.put(PreloadTopologyConfig.APPLICATION_ID_CONFIG, "preload-test");
        settings.put(PreloadTopologyConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://" + UUID.randomUUID());
        // TopologyTestDriver does not model transactions: under exactly_once_v2 it holds back the
        // dead letters of undecodable records. Exactly-once is tested against a real broker (PreloadAppIT).
        settings.put(PreloadTopologyConfig.STREAMS_PREFIX + "processing.guarantee", "at_least_once");
        return settings;
    }

    static <T extends SpecificRecord> Serde<T> serde(Class<T> type, PreloadTopologyConfig config) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(config.serdeConfigs(), false);
        return serde;
    }

    static ActorStartRequested request(String actorId, String actorName, String runnerId) {
        return ActorStartRequested.newBuilder()
                .setActorId(actorId)
                .setGeneration(1)
                .setNamespace("ns")
                .setActorName(actorName)
                .setRunnerId(runnerId)
                .setRequestedAt(Instant.ofEpochMilli(1_700_000_000_000L))
                .setInput(null)
                .build();
    }

    static PreloadManifest manifest(String actorName, long maxTotalBytes) {
        return PreloadManifest.newBuilder()
                .setActorName(actorName)
                .setGetKeys(List.of(bytes("state")))
                .setPrefixes(List.of(PrefixRequest.newBuilder()
                        .setPrefix(bytes("conn/"))
                        .setMaxBytes(4096)
                        .setPartial(true)
                        .build()))
                .setMaxTotalBytes(maxTotalBytes)
                .build();
    }

    static PreloadedKv preloaded(int valueSize) {
        PreloadEntry entry = PreloadEntry.newBuilder()
                .setKey(bytes("state"))
                .setValue(ByteBuffer.wrap(new byte[valueSize]))
                .setMetadata(KvMetadata.newBuilder()
                        .setVersion(bytes("v1"))
                        .setUpdateTs(Instant.ofEpochMilli(1_700_000_000_000L))
                        .build())
                .build();
        return PreloadedKv.newBuilder()
                .setReadVersion(42)
                .setEntries(List.of(entry))
                .setRequestedGetKeys(List.of(bytes("state")))
                .setRequestedPrefixes(List.of())
                .setTotalBytes("state".length() + valueSize + 2 + 8)
                .build();
    }

    /** The command the topology should send for {@code request}. */
    static StartActorCommand expectedCommand(
            ActorStartRequested request, io.actorpreload.avro.PreloadStatus status, PreloadedKv kv) {
        return expectedCommand(request, status, kv, null);
    }

    static StartActorCommand expectedCommand(
            ActorStartRequested request,
            io.actorpreload.avro.PreloadStatus status,
            PreloadedKv kv,
            String preloadFailure) {
        return StartActorCommand.newBuilder()
                .setActorId(request.getActorId())
                .setGeneration(request.getGeneration())
                .setNamespace(request.getNamespace())
                .setActorName(request.getActorName())
                .setRunnerId(request.getRunnerId())
                .setRequestedAt(request.getRequestedAt())
                .setInput(request.getInput())
                .setPreloadedKv(kv)
                .setPreloadStatus(status)
                .setPreloadFailure(preloadFailure)
                .build();
    }

    static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
