package io.actorpreload.schemas.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The operations of a Confluent-API schema registry that this project uses, for Avro schemas.
 *
 * <p>Implementations are thread-safe. Every method either returns a non-null result or throws
 * {@link SchemaRegistryException} carrying the registry's {@code error_code} and message (or
 * {@link SchemaRegistryException.Reason#UNREACHABLE} when the registry could not be reached).
 * Schema ids are immutable, so implementations may cache {@link #schemaById(int)} forever.
 */
public interface SchemaRegistryClient {

    /**
     * Registers {@code schema} under {@code subject} (a no-op returning the existing id when it is
     * already registered there) and returns its global id. Fails with
     * {@link SchemaRegistryException.Reason#INCOMPATIBLE} when the subject's compatibility level refuses it.
     */
    int register(String subject, Schema schema);

    /**
     * Looks {@code schema} up under {@code subject} without registering it. Fails with
     * {@link SchemaRegistryException.Reason#SUBJECT_NOT_FOUND} or {@link SchemaRegistryException.Reason#SCHEMA_NOT_FOUND}.
     */
    RegisteredSchema lookup(String subject, Schema schema);

    /** The schema with this global id. Fails with {@link SchemaRegistryException.Reason#SCHEMA_NOT_FOUND}. */
    Schema schemaById(int id);

    /** The latest version registered under {@code subject}. */
    RegisteredSchema latest(String subject);

    /** The version numbers registered under {@code subject}, ascending. */
    List<Integer> versions(String subject);

    /** The compatibility level in force for {@code subject}: its own, else the registry's global one. */
    CompatibilityLevel compatibility(String subject);

    /** Sets {@code subject}'s own compatibility level. */
    void setCompatibility(String subject, CompatibilityLevel level);

    /**
     * Whether {@code schema} could be registered under {@code subject} now, under the subject's
     * compatibility level. True for a subject with no versions yet.
     */
    boolean isCompatible(String subject, Schema schema);
}
