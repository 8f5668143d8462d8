package io.actorpreload.schemas.evolution;

import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.StartActorCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;

/**
 * The schemas that evolution tests compare, in one place: every released version kept as a test
 * resource, the current compiled ones, and deliberately changed variants that stand for a future
 * writer or a broken change.
 */
public final class SchemaHistory {
    /** The first released StartActorCommand, before preloading. */
    public static final Schema START_ACTOR_COMMAND_V1 = resource("/avro-history/StartActorCommand-v1.avsc");

    /**
     * The second released StartActorCommand: preloadedKv and preloadStatus, but no INVALID_MANIFEST
     * status and none of the fields added after it. What a runner built before those reads with.
     */
    public static final Schema START_ACTOR_COMMAND_V2 = resource("/avro-history/StartActorCommand-v2.avsc");

    /** The first released PreloadManifest, before learned manifests (no learnedVersion, no learn mark). */
    public static final Schema PRELOAD_MANIFEST_V1 = resource("/avro-history/PreloadManifest-v1.avsc");

    /** The current PreloadManifest, as compiled. */
    public static final Schema PRELOAD_MANIFEST_CURRENT = io.actorpreload.avro.PreloadManifest.getClassSchema();

    /** The current StartActorCommand, as compiled. */
    public static final Schema START_ACTOR_COMMAND_CURRENT = StartActorCommand.getClassSchema();

    /** A future StartActorCommand whose PreloadStatus has a symbol today's readers do not know. */
    public static final Schema START_ACTOR_COMMAND_WITH_FUTURE_STATUS = new Schema.Parser()
            .parse(START_ACTOR_COMMAND_CURRENT
                    .toString()
                    .replace("\"UNKNOWN\"]", "\"UNKNOWN\",\"" + futureStatus() + "\"]"));

    /** The current StartActorCommand plus a required field without a default: an incompatible change. */
    public static final Schema START_ACTOR_COMMAND_WITH_REQUIRED_FIELD = new Schema.Parser()
            .parse(START_ACTOR_COMMAND_CURRENT
                    .toString()
                    .replaceFirst("\"fields\":\\[", "\"fields\":[{\"name\":\"priority\",\"type\":\"int\"},"));

    /** The current PreloadStatus. */
    public static final Schema PRELOAD_STATUS_CURRENT = PreloadStatus.getClassSchema();

    /** The current PreloadStatus without its default symbol: what a reader would be without the fallback. */
    public static final Schema PRELOAD_STATUS_WITHOUT_DEFAULT = Schema.createEnum(
            PRELOAD_STATUS_CURRENT.getName(),
            null,
            PRELOAD_STATUS_CURRENT.getNamespace(),
            PRELOAD_STATUS_CURRENT.getEnumSymbols());

    /** A future PreloadStatus with one more symbol. */
    public static final Schema PRELOAD_STATUS_FUTURE =
            START_ACTOR_COMMAND_WITH_FUTURE_STATUS.getField("preloadStatus").schema();

    private SchemaHistory() {}

    /** The symbol that {@link #PRELOAD_STATUS_FUTURE} adds. */
    public static String futureStatus() {
        return "EVICTED";
    }

    private static Schema resource(String path) {
        try (InputStream in = SchemaHistory.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource " + path);
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
