package io.actorpreload.schemas.serde;

/** Confluent's default subject naming: a topic's keys under {@code <topic>-key}, its values under {@code <topic>-value}. */
final class TopicSubjects {
    private TopicSubjects() {
    }

    static String subject(String topic, boolean isKey) {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("A topic name is needed to name the schema's subject. Got: " + topic);
        }
        return topic + (isKey ? "-key" : "-value");
    }
}
