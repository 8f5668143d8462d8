/**
 * The manifest learner: a Kafka Streams application that reads runners' start-up reports and
 * publishes learned manifests for actor types without a declared one (docs/ARCHITECTURE.md,
 * "Learned manifests"). {@link io.actorpreload.learner.ManifestLearnerApp} and
 * {@link io.actorpreload.learner.ManifestLearnerConfig} are stable API; the rest serves them.
 */
package io.actorpreload.learner;
