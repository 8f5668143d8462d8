/**
 * Avro serdes in the Confluent wire format (magic byte, schema id, payload) for the pipeline's
 * records. Stable API.
 */
package io.actorpreload.schemas.serde;
