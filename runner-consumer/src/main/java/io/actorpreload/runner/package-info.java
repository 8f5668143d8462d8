/**
 * The runner library: what a runner embeds to receive start commands and start actors from their
 * preload. Start with {@link io.actorpreload.runner.RunnerClient#start}, a
 * {@link io.actorpreload.runner.RunnerConfig} and an {@link io.actorpreload.runner.ActorStartupHandler};
 * publish manifests with {@link io.actorpreload.runner.ManifestPublisher}; replay dead letters with
 * {@link io.actorpreload.runner.RunnerDeadLetters}. Every public type here is stable API; the
 * guide is docs/RUNNER-GUIDE.md.
 */
package io.actorpreload.runner;
