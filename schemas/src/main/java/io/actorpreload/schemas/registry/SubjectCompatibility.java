package io.actorpreload.schemas.registry;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/** Applies a {@link CompatibilityLevel} to a candidate schema and a subject's versions, with Avro's rules. */
final class SubjectCompatibility {
    private SubjectCompatibility() {}

    /**
     * Why {@code candidate} may not join {@code versions} (oldest first) under {@code level}, or
     * null when it may.
     */
    static String refusal(CompatibilityLevel level, List<Schema> versions, Schema candidate) {
        if (versions.isEmpty() || level == CompatibilityLevel.NONE) {
            return null;
        }
        List<Schema> checked = level.transitive() ? versions : versions.subList(versions.size() - 1, versions.size());
        for (Schema earlier : checked) {
            if (level.newReadsOld()) {
                String problem = problem(candidate, earlier);
                if (problem != null) {
                    return "Schema being registered is incompatible with an earlier schema (" + level
                            + "): the new schema cannot read data written with it: " + problem;
                }
            }
            if (level.oldReadsNew()) {
                String problem = problem(earlier, candidate);
                if (problem != null) {
                    return "Schema being registered is incompatible with an earlier schema (" + level
                            + "): an earlier schema cannot read data written with the new one: " + problem;
                }
            }
        }
        return null;
    }

    private static String problem(Schema reader, Schema writer) {
        SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return null;
        }
        return result.getResult().getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                .reduce((a, b) -> a + "; " + b)
                .orElse(result.getDescription());
    }
}
