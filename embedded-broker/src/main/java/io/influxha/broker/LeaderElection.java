package io.influxha.broker;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FeatureUpdate;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.UpdateFeaturesOptions;
import org.apache.kafka.server.common.EligibleLeaderReplicasVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps eligible leader replicas (KIP-966) off on the single node. Storage formats new data dirs
 * without them; a data dir formatted before that (ELR on, Kafka 4.x's default) is switched off at
 * start, so a kill -9 can never again force the partitions through unclean recovery.
 */
final class LeaderElection {
    private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);
    private static final long CALL_TIMEOUT_MS = 30_000;

    private LeaderElection() {}

    static void disableEligibleLeaderReplicas(String bootstrapServers) {
        String feature = EligibleLeaderReplicasVersion.FEATURE_NAME;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            FinalizedVersionRange level = admin.describeFeatures().featureMetadata()
                    .get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS).finalizedFeatures().get(feature);
            if (level == null || level.maxVersionLevel() == 0) {
                return;
            }
            admin.updateFeatures(Map.of(feature, new FeatureUpdate((short) 0, FeatureUpdate.UpgradeType.SAFE_DOWNGRADE)),
                    new UpdateFeaturesOptions()).all().get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            log.info("event=eligible_leader_replicas_disabled previous_level={}", level.maxVersionLevel());
        } catch (ExecutionException | TimeoutException e) {
            log.warn("event=eligible_leader_replicas_not_disabled feature={} error=\"{}\" consequence=\"a kill -9 of this broker may"
                    + " force unclean recovery, which open transactions do not survive\"", feature, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
