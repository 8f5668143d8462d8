package io.actorpreload.chaos;

/** One start of one actor: what "duplicated" counts, at the runner topic and at the handler. */
record RequestKey(String actorId, long generation) {
    @Override
    public String toString() {
        return actorId + "/" + generation;
    }
}
