package io.actorpreload.preload.fdb;

import io.actorpreload.localstack.FoundationDbCluster;
import io.actorpreload.localstack.SharedFoundationDb;
import io.actorpreload.preload.layout.KeyLayout;
import java.util.Optional;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.junit.jupiter.api.Assumptions;

/**
 * The live FoundationDB of a test run for the driver's tests: the JVM's shared single server
 * ({@link SharedFoundationDb}), opened through {@link FdbPreloadStore} as a user opens it. Where no
 * FoundationDB installation is configured, tests skip with the reason ({@link #assumeAvailable()}
 * for JUnit, this class as a jqwik {@link SkipExecutionHook}); a configured one that fails fails
 * the tests. Stateless.
 */
public final class LiveFoundationDb implements SkipExecutionHook {
    /** Skips the calling JUnit test, saying why, when no FoundationDB installation is configured. */
    public static void assumeAvailable() {
        Optional<String> reason = SharedFoundationDb.unavailableReason();
        Assumptions.assumeTrue(reason.isEmpty(), reason.orElse(""));
    }

    /** The shared server, started on first use. */
    public static FoundationDbCluster server() {
        return SharedFoundationDb.get();
    }

    /** A store on the shared server with rows under {@code layout}'s root. */
    public static FdbPreloadStore open(KeyLayout layout) {
        return FdbPreloadStore.open(server().clusterFile().toString(), layout);
    }

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        return SharedFoundationDb.unavailableReason().map(SkipResult::skip).orElse(SkipResult.doNotSkip());
    }
}
