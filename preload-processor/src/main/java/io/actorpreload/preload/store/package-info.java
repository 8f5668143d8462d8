/**
 * The store SPI every driver implements ({@link io.actorpreload.preload.store.PreloadStore}): raw,
 * ordered byte rows, snapshot reads, atomic writes. Stable API for drivers.
 */
package io.actorpreload.preload.store;
