/**
 * The embedded RocksDB driver of the store SPI: the local default for the demo, the tools and tests.
 */
package io.actorpreload.preload.rocksdb;
