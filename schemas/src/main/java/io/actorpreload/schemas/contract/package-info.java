/**
 * The Kafka contract of the pipeline: default topic names, runner topic and group naming, size
 * limits, dead-letter headers and preload failure kinds. Stable API.
 */
package io.actorpreload.schemas.contract;
