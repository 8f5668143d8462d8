/**
 * The local stack's machinery: child processes, ports, configuration files. Not API: other modules may not use it.
 */
package io.actorpreload.localstack.internals;
