/**
 * The runner test kit: unit-test a runner's start-up handler without Kafka, a registry or a
 * database. {@link io.actorpreload.testkit.TestKvStore} holds actors' state and makes the start
 * commands the pipeline would send for them (the preload computed by the project's own rules);
 * {@link io.actorpreload.testkit.ManifestBuilder} builds the manifests;
 * {@link io.actorpreload.testkit.StartupDriver} runs a handler on a command and returns a
 * {@link io.actorpreload.testkit.StartupResult}. Use it in test scope. Every public type here is
 * stable API.
 */
package io.actorpreload.testkit;
