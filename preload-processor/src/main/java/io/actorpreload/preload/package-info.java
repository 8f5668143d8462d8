/**
 * The budgeted snapshot preload ({@link io.actorpreload.preload.Preloader}) and reading and writing
 * actors' keys in the store's layout. Stable API for the topology, the tools and the test kit.
 */
package io.actorpreload.preload;
