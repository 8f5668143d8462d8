package io.actorpreload.schemas.contract;

/**
 * The default consumer group of a runner, {@value #DEFAULT_PREFIX}{@code <runnerId>}: where the runner
 * library commits its offsets, and what a runner's ACLs name. Shared by the runner library (its
 * default group) and the topology's access control (the runner role). Stateless.
 */
public final class RunnerGroupNaming {
    /** Prefix of a runner's default group id. */
    public static final String DEFAULT_PREFIX = "runner-";

    private RunnerGroupNaming() {}

    /** The default group of {@code runnerId}. */
    public static String defaultGroupOf(String runnerId) {
        return DEFAULT_PREFIX + runnerId;
    }
}
