package io.actorpreload.chaos;

/**
 * A good start request the broker acknowledged: its key, the runner it names, the start-request
 * partition it went to, when it was sent (epoch ms) and the fault window it belongs to.
 */
record SentRequest(RequestKey key, String runnerId, int partition, long sentAtMillis, int window) {}
