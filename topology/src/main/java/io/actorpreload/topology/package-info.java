/**
 * The preload topology, a Kafka Streams application: start requests in, one budgeted snapshot
 * preload per request, start commands out to each runner's topic. {@link io.actorpreload.topology.PreloadApp}
 * runs it, {@link io.actorpreload.topology.PreloadTopologyConfig} declares every setting; both are
 * stable API.
 */
package io.actorpreload.topology;
