/**
 * An in-memory driver of the store SPI, for tests and the runner test kit.
 */
package io.actorpreload.preload.memory;
