package io.actorpreload.demo;

import io.actorpreload.schemas.contract.PipelineTopics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates the pipeline's own topics, under their default names, on a fresh local broker (the
 * application does not create topics; a deployment does). Runner topics are not here: each
 * runner's library creates its own. Stateless.
 */
public final class LocalTopics {
    private LocalTopics() {}

    /**
     * Creates the start-request, manifest (compacted) and dead-letter topics with the brokers' default
     * replication factor (3 on a replicated local cluster, 1 on a single broker).
     */
    public static void create(String bootstrapServers) throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(
                            new NewTopic(PipelineTopics.START_REQUESTS, Optional.of(2), Optional.empty()),
                            new NewTopic(PipelineTopics.MANIFESTS, Optional.of(1), Optional.empty())
                                    .configs(Map.of(
                                            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                            new NewTopic(PipelineTopics.START_REQUEST_DEAD_LETTERS, Optional.of(1), Optional.empty())))
                    .all()
                    .get();
        }
    }
}
