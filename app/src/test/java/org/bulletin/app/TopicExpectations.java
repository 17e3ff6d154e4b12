package org.bulletin.app;

import java.util.Map;
import org.bulletin.schemas.Topics;
import picocli.CommandLine;

/**
 * What {@code bulletin topics} creates and verifies, for the guard tests of deployment files outside this package
 * ({@link TopicSetup} and {@link TopicsCommand} are package-private): the one place to follow them when they change.
 */
public final class TopicExpectations {

    private TopicExpectations() {}

    /** Every topic the app owns, by name, with the configs {@code topics} creates it with and checks. */
    public static Map<String, Map<String, String>> configs(Topics topics) {
        return TopicSetup.expected(topics);
    }

    /** The min.insync.replicas {@code topics} expects of a topic with {@code replicationFactor} replicas. */
    public static String minInsyncReplicas(int replicationFactor) {
        return Integer.toString(TopicSetup.Replication.of(replicationFactor, null, replicationFactor, "the cluster")
                .minInsyncReplicas());
    }

    /** The partition count {@code topics} creates and expects when {@code --partitions} is not given. */
    public static int defaultPartitions() {
        String value = new CommandLine(new TopicsCommand())
                .getCommandSpec()
                .findOption("--partitions")
                .defaultValue();
        return Integer.parseInt(value);
    }
}
