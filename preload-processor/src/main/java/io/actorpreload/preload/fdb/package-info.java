/**
 * The FoundationDB driver of the store SPI (fdb-java 7.3, client library {@code libfdb_c}).
 */
package io.actorpreload.preload.fdb;
