/**
 * The preload's machinery: planning, budget, range feeds, row assembly. Not API: other modules may not use it.
 */
package io.actorpreload.preload.internals;
