package io.actorpreload.topology.demo;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The pipeline's own topics under their default names, created on a fresh local broker (the
 * application does not create topics; a deployment does). Runner topics are not here: each
 * runner's library creates its own. Stateless.
 */
public final class PipelineTopics {
    public static final String START_REQUESTS = "actor-start-requests";
    public static final String MANIFESTS = "actor-preload-manifests";
    public static final String DEAD_LETTERS = "actor-start-requests.dlq";

    private PipelineTopics() {
    }

    /** Creates the start-request, manifest (compacted) and dead-letter topics on a single-broker cluster. */
    public static void create(String bootstrapServers) throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(
                    new NewTopic(START_REQUESTS, 2, (short) 1),
                    new NewTopic(MANIFESTS, 1, (short) 1)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                    new NewTopic(DEAD_LETTERS, 1, (short) 1))).all().get();
        }
    }
}
