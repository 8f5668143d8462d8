/**
 * The contract the topology and the runners share: the Avro records (package
 * {@code io.actorpreload.avro}, generated) and, in the sub-packages, the registry client, the
 * serdes, manifest validation and the Kafka naming contract. Stable API.
 */
package io.actorpreload.schemas;
