package io.actorpreload.localstack;

/**
 * A real KRaft broker and a real Apicurio schema registry, each a child process listening on
 * 127.0.0.1 only, started together and stopped together by their own process handles.
 * TODO: see the local-stack brief.
 */
public final class LocalStack implements AutoCloseable {
    /** {@code host:port} of the broker's PLAINTEXT listener. */
    public String bootstrapServers() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Base URL of the registry's Confluent-compatible API, e.g. {@code http://127.0.0.1:PORT/apis/ccompat/v7}. */
    public String schemaRegistryUrl() {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public void close() {
    }
}
