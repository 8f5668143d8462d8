/**
 * The topology's machinery: processors, dead letters, metrics, commit pacing, Kafka Streams
 * defaults. Not API: other modules may not use it.
 */
package io.actorpreload.topology.internals;
