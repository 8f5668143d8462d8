/**
 * A Confluent-API schema registry client (Apicurio's ccompat API included), its settings, and which
 * failures are transient. Stable API.
 */
package io.actorpreload.schemas.registry;
