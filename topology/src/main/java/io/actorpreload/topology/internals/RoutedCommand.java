package io.actorpreload.topology.internals;

import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/**
 * A start command already serialized for its runner topic. The processor serializes once, to know
 * the command's size before it is sent; the sink writes these bytes unchanged. Immutable (the
 * array is not copied: nobody writes to it after serialization).
 *
 * @param topic the runner command topic
 * @param value the serialized {@code StartActorCommand}
 */
public record RoutedCommand(String topic, byte[] value) {
    public RoutedCommand {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(value, "value");
    }

    /** Routes each command to its runner topic. */
    public static TopicNameExtractor<String, RoutedCommand> topicExtractor() {
        return (key, command, context) -> command.topic();
    }

    /** Writes the already serialized bytes; there is nothing to read back. */
    public static Serde<RoutedCommand> serde() {
        Serializer<RoutedCommand> serializer = (topic, command) -> command == null ? null : command.value();
        Deserializer<RoutedCommand> deserializer = (topic, bytes) -> {
            throw new UnsupportedOperationException("Routed commands are only written; read StartActorCommand instead");
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
