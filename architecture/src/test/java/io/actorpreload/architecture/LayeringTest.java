package io.actorpreload.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The module boundaries of docs/ARCHITECTURE.md ("Modules"), checked on the production classes of
 * every module: a violation fails the build, naming the class and the dependency.
 */
class LayeringTest {
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.actorpreload");
    private static final String SCHEMAS = "io.actorpreload.schemas..";
    private static final String AVRO = "io.actorpreload.avro..";
    private static final String PRELOAD = "io.actorpreload.preload..";
    private static final String RUNNER = "io.actorpreload.runner..";
    private static final String TOPOLOGY = "io.actorpreload.topology..";
    private static final String LEARNER = "io.actorpreload.learner..";
    private static final String ACL = "io.actorpreload.acl..";
    private static final String CLI = "io.actorpreload.cli..";
    private static final String TEST_KIT = "io.actorpreload.testkit..";
    private static final String LOCAL_STACK = "io.actorpreload.localstack..";
    private static final String DEMO = "io.actorpreload.demo..";
    private static final String BENCHMARKS = "io.actorpreload.benchmarks..";
    private static final String FOUNDATIONDB = "com.apple.foundationdb..";
    private static final String ROCKSDB = "org.rocksdb..";

    /** Runners embed the library: it sees the contract (schemas) and kafka-clients, no store and no topology. */
    @Test
    void shouldKeepTheRunnerLibraryToTheContract() {
        noClasses()
                .that()
                .resideInAPackage(RUNNER)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        TOPOLOGY,
                        LEARNER,
                        ACL,
                        CLI,
                        PRELOAD,
                        LOCAL_STACK,
                        DEMO,
                        BENCHMARKS,
                        FOUNDATIONDB,
                        ROCKSDB,
                        "org.apache.kafka.streams..")
                .check(PRODUCTION);
    }

    /** The deployed application ships neither the local stack, the runner library nor the demo. */
    @Test
    void shouldKeepRunnerLibraryLocalStackAndDemoOutOfTheTopology() {
        noClasses()
                .that()
                .resideInAPackage(TOPOLOGY)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(RUNNER, LEARNER, ACL, CLI, LOCAL_STACK, DEMO, BENCHMARKS)
                .check(PRODUCTION);
    }

    /** The learner reads start-up reports and writes manifests: it never touches the store. */
    @Test
    void shouldKeepTheLearnerAwayFromTheStore() {
        noClasses()
                .that()
                .resideInAPackage(LEARNER)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(PRELOAD, RUNNER, ACL, CLI, LOCAL_STACK, DEMO, BENCHMARKS, FOUNDATIONDB, ROCKSDB)
                .check(PRODUCTION);
    }

    /** Access control computes names and bindings; it starts nothing and reads nothing. */
    @Test
    void shouldKeepAccessControlToNames() {
        noClasses()
                .that()
                .resideInAPackage(ACL)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(PRELOAD, RUNNER, CLI, LOCAL_STACK, DEMO, BENCHMARKS, "org.apache.kafka.streams..")
                .check(PRODUCTION);
    }

    /** The test kit serves runner authors' tests and the tools: no module that is deployed uses it. */
    @Test
    void shouldKeepTheTestKitOutOfDeployedModules() {
        noClasses()
                .that()
                .resideInAnyPackage(SCHEMAS, AVRO, PRELOAD, RUNNER, TOPOLOGY, LEARNER, ACL, CLI)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(TEST_KIT)
                .check(PRODUCTION);
    }

    /** The command line is the outermost layer: no module calls it. */
    @Test
    void shouldKeepTheCommandLineOnTop() {
        noClasses()
                .that()
                .resideOutsideOfPackage(CLI)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(CLI)
                .check(PRODUCTION);
    }

    /** The preload knows the store and the records, nothing of Kafka Streams or the runners. */
    @Test
    void shouldKeepThePreloadFreeOfThePipeline() {
        noClasses()
                .that()
                .resideInAPackage(PRELOAD)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(TOPOLOGY, RUNNER, LOCAL_STACK, DEMO, BENCHMARKS, "org.apache.kafka.streams..")
                .check(PRODUCTION);
    }

    /** The contract is the bottom layer: it depends on no other module. */
    @Test
    void shouldKeepTheContractAtTheBottom() {
        noClasses()
                .that()
                .resideInAnyPackage(SCHEMAS, AVRO)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(PRELOAD, RUNNER, TOPOLOGY, LOCAL_STACK, DEMO, BENCHMARKS)
                .check(PRODUCTION);
    }

    /** Servers for tests and the demo are never part of a production module. */
    @Test
    void shouldKeepTheLocalStackStandalone() {
        noClasses()
                .that()
                .resideInAPackage(LOCAL_STACK)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(SCHEMAS, PRELOAD, RUNNER, TOPOLOGY, DEMO, BENCHMARKS)
                .check(PRODUCTION);
    }

    /** A module's {@code internals} are its own: other modules use its public packages only. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "io.actorpreload.schemas",
                "io.actorpreload.preload",
                "io.actorpreload.runner",
                "io.actorpreload.topology",
                "io.actorpreload.learner",
                "io.actorpreload.localstack"
            })
    void shouldKeepInternalsInsideTheirModule(String moduleRoot) {
        noClasses()
                .that()
                .resideOutsideOfPackage(moduleRoot + "..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(moduleRoot + "..internals..")
                .because(moduleRoot + "'s internals are not its API")
                .check(PRODUCTION);
    }

    /** Machinery lives in packages named {@code internals}, one spelling everywhere. */
    @Test
    void shouldSpellInternalsOneWay() {
        noClasses()
                .should()
                .resideInAPackage("..internal..")
                .because("machinery packages are spelled 'internals'")
                .check(PRODUCTION);
    }
}
