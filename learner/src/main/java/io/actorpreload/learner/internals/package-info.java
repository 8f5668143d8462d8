/**
 * The learner's machinery: its processor and state codec. Not API: other modules may not use it.
 */
package io.actorpreload.learner.internals;
