/**
 * Real infrastructure for tests and the local run: a Kafka KRaft broker ({@link
 * io.actorpreload.localstack.KafkaBroker}) and an Apicurio schema registry ({@link
 * io.actorpreload.localstack.SchemaRegistryServer}), each a child JVM listening on 127.0.0.1 only,
 * together a {@link io.actorpreload.localstack.LocalStack}; tests share one per JVM through {@link
 * io.actorpreload.localstack.SharedLocalStack#get()}. The registry keeps its schemas in a file
 * database under its work directory, so it can be stopped and restarted like a production one.
 *
 * <p>FoundationDB ({@link io.actorpreload.localstack.FoundationDbCluster}: one server, or three with
 * double replication) runs from an installed FoundationDB that {@link
 * io.actorpreload.localstack.FoundationDbInstallation} finds through {@code -Dfdb.home} or {@code
 * FDB_HOME}; tests share one per JVM through {@link io.actorpreload.localstack.SharedFoundationDb}.
 *
 * <p>The build prepares both: {@code target/kafka-libs} (the broker's class path, from Maven
 * Central's {@code kafka_2.13}) and {@code target/apicurio} (the unpacked
 * {@code apicurio-registry-app} distribution); {@code local-stack.properties} records where.
 *
 * <p>System properties:
 * <ul>
 *   <li>{@code localstack.start-timeout-seconds} (120): how long each component may take to become ready;
 *   <li>{@code localstack.kafka.heap} (768m), {@code localstack.apicurio.heap} (384m): child heaps;
 *   <li>{@code localstack.work-dir}: where work directories are created (default {@code target}
 *       under Maven, else {@code java.io.tmpdir});
 *   <li>{@code localstack.kafka.libs}, {@code localstack.apicurio.dir}: override the build's paths.
 * </ul>
 *
 * <p>Every child is stopped through its own process handle: by {@code close()}, or by a JVM
 * shutdown hook if nobody closed it. Only a SIGKILL of the test JVM can leave a child running.
 */
package io.actorpreload.localstack;
