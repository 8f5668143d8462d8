/**
 * How actors' keys, values and metadata are laid out as store rows, on FoundationDB's tuple
 * layer (docs/ARCHITECTURE.md, "Key layout"). The layout is a stored format: it changes only with a
 * migration.
 */
package io.actorpreload.preload.layout;
