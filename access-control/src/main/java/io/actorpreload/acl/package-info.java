/**
 * The Kafka ACLs each role of the pipeline needs (topology, learner, runner, orchestrator), computed
 * from the pipeline's names ({@link io.actorpreload.acl.PipelineNames}) and applied by the
 * {@code acl} command. Stable API.
 */
package io.actorpreload.acl;
