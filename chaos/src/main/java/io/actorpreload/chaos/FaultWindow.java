package io.actorpreload.chaos;

/**
 * The times of one fault's window (epoch ms): the window opens, the fault is injected, the failed
 * process is restarted ({@code referenceMillis}; the injection itself when nothing is restarted),
 * and the window closes. Resume times count from {@code referenceMillis}.
 */
record FaultWindow(
        String fault,
        int index,
        boolean restarted,
        long startMillis,
        long injectedAtMillis,
        long referenceMillis,
        long endMillis) {}
