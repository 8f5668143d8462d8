package io.actorpreload.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosTableTest {
    private static FaultRow row(boolean restarted, int lost, long resume, boolean checkPassed) {
        return new FaultRow("f", restarted, 10, 10 - lost, lost, 0, 0, 10, 0, 100, resume, checkPassed, "");
    }

    private static final FaultAccounting.Totals CLEAN = new FaultAccounting.Totals(100, 100, 0, 0, 0, 100, 0);

    @Test
    void shouldTakeMaxResumeOverRestartedFaultsOnly() {
        List<FaultRow> rows =
                List.of(row(true, 0, 3_000, true), row(false, 0, 10_000, true), row(true, 0, 4_200, true));

        assertThat(ChaosTable.maxResume(rows)).isEqualTo(4_200);
    }

    @Test
    void shouldPrintTheFinalLineInItsFixedForm() {
        assertThat(ChaosTable.finalLine(8, CLEAN, 4_200))
                .isEqualTo(
                        "chaos: 8 faults, 100 starts, lost 0, duplicated 0, good dead-lettered 0, max resume 4200 ms");
    }

    @Test
    void shouldExitWithOneWhenARowLostSomethingOrItsCheckFailed() {
        assertThat(ChaosTable.exitCode(List.of(row(true, 0, 1, true)), CLEAN)).isZero();
        assertThat(ChaosTable.exitCode(List.of(row(true, 1, 1, true)), CLEAN)).isEqualTo(1);
        assertThat(ChaosTable.exitCode(List.of(row(false, 0, 1, false)), CLEAN)).isEqualTo(1);
        assertThat(ChaosTable.exitCode(List.of(), new FaultAccounting.Totals(100, 99, 1, 0, 0, 99, 0)))
                .isEqualTo(1);
    }
}
