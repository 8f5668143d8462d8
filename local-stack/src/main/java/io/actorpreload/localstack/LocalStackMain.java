package io.actorpreload.localstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link LocalStack} in the foreground for manual work and demos, until the JVM is asked to
 * stop (Ctrl-C, SIGTERM): {@code mvn -B -q -pl local-stack -am install -DskipTests && mvn -B -pl local-stack exec:java}.
 * Prints the broker's and the registry's addresses. Both children are stopped by the JVM's
 * shutdown hooks.
 */
public final class LocalStackMain {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStackMain.class);

    private LocalStackMain() {}

    public static void main(String[] args) throws InterruptedException {
        Path workDir = args.length > 0 ? Path.of(args[0]) : WorkDirs.create("local-stack-");
        LocalStack stack = LocalStack.start(workDir);
        LOG.info(
                "Local stack running in {}: bootstrap.servers={} schema.registry.url={} (broker started in {} ms, registry in {} ms). Stop with Ctrl-C.",
                workDir,
                stack.bootstrapServers(),
                stack.schemaRegistryUrl(),
                stack.broker().startupTime().toMillis(),
                stack.registry().startupTime().toMillis());
        System.out.println("bootstrap.servers=" + stack.bootstrapServers());
        System.out.println("schema.registry.url=" + stack.schemaRegistryUrl());
        new CountDownLatch(1).await();
    }
}
