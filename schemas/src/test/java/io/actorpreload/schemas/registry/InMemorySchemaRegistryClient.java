package io.actorpreload.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * A schema registry held in memory, with the Confluent API's semantics: global ids shared by equal
 * schemas across subjects, versions per subject from 1, a global default compatibility of BACKWARD
 * and per-subject overrides checked with Avro's own {@link org.apache.avro.SchemaCompatibility}.
 *
 * <p>For unit tests only (see {@link MockSchemaRegistry}); never used by integration tests or the
 * main job. Thread-safe: every operation holds the instance's lock.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {
    private final Map<String, Integer> idsBySchemaText = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<RegisteredSchema>> versionsBySubject = new HashMap<>();
    private final Map<String, CompatibilityLevel> levelsBySubject = new HashMap<>();
    private final CompatibilityLevel globalLevel;

    /** A registry with global compatibility BACKWARD, like Confluent's default. */
    public InMemorySchemaRegistryClient() {
        this(CompatibilityLevel.BACKWARD);
    }

    public InMemorySchemaRegistryClient(CompatibilityLevel globalLevel) {
        this.globalLevel = globalLevel;
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        List<RegisteredSchema> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        for (RegisteredSchema existing : versions) {
            if (existing.schema().toString().equals(schema.toString())) {
                return existing.id();
            }
        }
        String refusal = SubjectCompatibility.refusal(compatibility(subject), schemas(versions), schema);
        if (refusal != null) {
            throw new SchemaRegistryException(request("register", subject), 409, 409, refusal);
        }
        int id = idsBySchemaText.computeIfAbsent(schema.toString(), text -> idsBySchemaText.size() + 1);
        schemasById.putIfAbsent(id, schema);
        versions.add(new RegisteredSchema(subject, versions.size() + 1, id, schema));
        return id;
    }

    @Override
    public synchronized RegisteredSchema lookup(String subject, Schema schema) {
        for (RegisteredSchema existing : versionsOf(subject, "lookup")) {
            if (existing.schema().toString().equals(schema.toString())) {
                return existing;
            }
        }
        throw new SchemaRegistryException(
                request("lookup", subject), 404, 40403, "Schema not found under subject '" + subject + "'");
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException("GET /schemas/ids/" + id, 404, 40403, "Schema " + id + " not found");
        }
        return schema;
    }

    @Override
    public synchronized RegisteredSchema latest(String subject) {
        List<RegisteredSchema> versions = versionsOf(subject, "latest");
        return versions.get(versions.size() - 1);
    }

    @Override
    public synchronized List<Integer> versions(String subject) {
        return versionsOf(subject, "versions").stream()
                .map(RegisteredSchema::version)
                .toList();
    }

    @Override
    public synchronized CompatibilityLevel compatibility(String subject) {
        return levelsBySubject.getOrDefault(subject, globalLevel);
    }

    @Override
    public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
        levelsBySubject.put(subject, level);
    }

    @Override
    public synchronized boolean isCompatible(String subject, Schema schema) {
        List<RegisteredSchema> versions = versionsBySubject.getOrDefault(subject, List.of());
        return SubjectCompatibility.refusal(compatibility(subject), schemas(versions), schema) == null;
    }

    private List<RegisteredSchema> versionsOf(String subject, String operation) {
        List<RegisteredSchema> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new SchemaRegistryException(
                    request(operation, subject), 404, 40401, "Subject '" + subject + "' not found");
        }
        return versions;
    }

    private static List<Schema> schemas(List<RegisteredSchema> versions) {
        return versions.stream().map(RegisteredSchema::schema).toList();
    }

    private static String request(String operation, String subject) {
        return operation + " '" + subject + "' (in memory)";
    }
}
