package io.actorpreload.runner;

/**
 * A runner client's health ({@link RunnerClient#health()}), for the runner's own liveness and readiness
 * endpoints: {@link #RUNNING} is live and ready; {@link #FAILED} (its consumer thread stopped on its own,
 * {@link RunnerClient#failure()} says why: restart the runner) and {@link #CLOSED} are neither.
 */
public enum RunnerHealth {
    /** Delivering commands. */
    RUNNING,
    /** Stopped on its own: it delivers nothing more. */
    FAILED,
    /** Closed by the runner. */
    CLOSED;

    /** Whether a liveness probe should pass: not failed. */
    public boolean isLive() {
        return this != FAILED;
    }

    /** Whether a readiness probe should pass: delivering commands. */
    public boolean isReady() {
        return this == RUNNING;
    }
}
