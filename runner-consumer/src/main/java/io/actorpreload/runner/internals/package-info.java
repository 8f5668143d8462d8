/**
 * The runner library's machinery: the consumer loop's dispatch, retries, dead letters, counters and
 * topic setup. Not API: other modules may not use it.
 */
package io.actorpreload.runner.internals;
