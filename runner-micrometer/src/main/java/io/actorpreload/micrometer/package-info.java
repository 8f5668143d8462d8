/**
 * A Micrometer binder for the runner library's metrics ({@link io.actorpreload.micrometer.RunnerMeterBinder}),
 * in a module of its own so that runners that do not use Micrometer do not depend on it. Stable API.
 */
package io.actorpreload.micrometer;
