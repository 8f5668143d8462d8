/**
 * Validation of preload manifests: the rules the topology applies and runners may check before
 * they publish. Stable API.
 */
package io.actorpreload.schemas.manifest;
