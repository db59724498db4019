package io.influxha.gateway;

import io.influxha.core.KafkaCluster;
import io.influxha.core.RecordHeaders;
import io.influxha.core.Topics;
import io.influxha.core.catalog.CatalogEntry;
import io.influxha.core.config.InfluxHaConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one DDL statement as one Kafka transaction: a copy in every ingest partition (each
 * naming its partition, {@code ddl_copy}) and the statement's catalog entries, all or none. A
 * gateway killed between two sends leaves nothing a reader sees: the router and the catalog's
 * readers read committed only, and the open transaction ends when this gateway starts again
 * (its {@code transactional.id} is stable: {@code <prefix>-gateway-<instance>}) or after
 * {@link #TRANSACTION_TIMEOUT}, the longest the router's fetch can stop at the ingest partitions.
 * One statement at a time per gateway, each naming statements committed before it began
 * ({@code ddl_prev}: this gateway's last, and other gateways' last as the catalog shows them, where
 * each transaction records its statement as its gateway's last), whose copies therefore precede
 * its own in every ingest partition. A failure aborts the transaction; when even that fails the
 * producer is dropped and the next statement starts a new one, which fences the old.
 */
final class DdlTransactions implements AutoCloseable {
    static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(10);
    /** At most this many statements are named in {@code ddl_prev}: this gateway's last, then other gateways' most recent. */
    static final int MAX_PREDECESSORS = 16;
    private static final Logger log = LoggerFactory.getLogger(DdlTransactions.class);

    private final Supplier<Producer<byte[], byte[]>> producers;
    private final String ingestTopic;
    private final String catalogTopic;
    private final String instance;
    private volatile Supplier<List<String>> lastOfGateways = List::of;
    private volatile java.util.function.Function<String, String> incarnationOf = db -> "";
    /** The id of the statement this gateway committed last since it started ({@code ddl_prev} of the next), or "". */
    private String previousId = "";
    /** Null until the first statement, and after a failure the transaction could not be aborted from. */
    private Producer<byte[], byte[]> producer;

    DdlTransactions(Supplier<Producer<byte[], byte[]>> producers, String ingestTopic, String catalogTopic, String instance) {
        this.producers = producers;
        this.ingestTopic = ingestTopic;
        this.catalogTopic = catalogTopic;
        this.instance = instance;
    }

    /** Where a database's incarnation is read (the catalog) for statements that neither create nor drop it. */
    void incarnationsFrom(java.util.function.Function<String, String> incarnationOf) {
        this.incarnationOf = incarnationOf;
    }

    /** Where the last statements of gateway instances are read (the catalog); they become {@code ddl_prev}. */
    void predecessorsFrom(Supplier<List<String>> lastOfGateways) {
        this.lastOfGateways = lastOfGateways;
    }

    /** Its producer's client id is its transactional id, {@code <prefix>-gateway-<transactional_id_suffix>}. */
    static DdlTransactions create(InfluxHaConfig config, KafkaCluster kafka) {
        String prefix = config.kafka().topicPrefix();
        String instance = config.gateway().transactionalIdSuffix();
        String clientName = "gateway-" + instance;
        Map<String, Object> merged = kafka.producerProps(clientName, Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, kafka.clientId(clientName),
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) TRANSACTION_TIMEOUT.toMillis(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.max(1, config.gateway().publishTimeout().toMillis())));
        return new DdlTransactions(() -> new KafkaProducer<>(merged), Topics.ingest(prefix), Topics.catalog(prefix), instance);
    }

    /**
     * Publishes {@code statement} on database {@code db} with its catalog entries, committed before
     * this returns.
     *
     * @throws RejectedRequestException 503 when Kafka did not take the whole transaction in time
     */
    synchronized void publish(String db, String statement, List<CatalogEntry> catalogEntries) {
        boolean committing = false;
        try {
            Producer<byte[], byte[]> p = producer();
            p.beginTransaction();
            try {
                int copies = p.partitionsFor(ingestTopic).size();
                String id = UUID.randomUUID().toString();
                String prev = predecessors();
                String incarnation = catalogEntries.stream().filter(e -> e.kind() == CatalogEntry.Kind.DATABASE && e.db().equals(db))
                        .map(CatalogEntry::incarnation).findFirst().orElseGet(() -> incarnationOf.apply(db));
                // A policy statement names the policy and the incarnation it creates, ends or changes.
                CatalogEntry policy = catalogEntries.stream().filter(e -> e.kind() == CatalogEntry.Kind.RETENTION_POLICY && e.db().equals(db))
                        .findFirst().orElse(null);
                for (int partition = 0; partition < copies; partition++) {
                    ProducerRecord<byte[], byte[]> rec = copy(db, statement, id, partition, copies, prev, incarnation);
                    if (policy != null && !policy.policyIncarnation().isEmpty()) {
                        RecordHeaders.put(rec.headers(), RecordHeaders.RP, policy.rp());
                        RecordHeaders.put(rec.headers(), RecordHeaders.RP_INCARNATION, policy.policyIncarnation());
                    }
                    p.send(rec);
                }
                List<CatalogEntry> entries = new java.util.ArrayList<>(catalogEntries);
                entries.add(CatalogEntry.gatewayLast(instance, id));
                for (CatalogEntry e : entries) {
                    p.send(new ProducerRecord<>(catalogTopic, 0, e.keyBytes(), e.valueBytes()));
                }
                committing = true;
                p.commitTransaction();
                previousId = id;
            } catch (KafkaException e) {
                abort(p, e);
                throw e;
            }
        } catch (KafkaException e) {
            String outcome = committing
                    ? "the commit's outcome is unknown: the statement is applied whole or not at all, and sending it again applies it "
                            + "again, as sending it twice to InfluxDB would"
                    : "nothing of it was published, send it again";
            throw RejectedRequestException.unavailable("Kafka did not take the statement in one transaction: "
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "; " + outcome, e);
        }
    }

    /**
     * Statements whose copies precede this one's in every ingest partition: committed before this
     * transaction begins. This gateway's last one, and the last of every gateway whose commit the
     * catalog has shown (its entry is in the same transaction as its copies), most recent first.
     */
    private String predecessors() {
        java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
        if (!previousId.isEmpty()) {
            ids.add(previousId);
        }
        List<String> others = new java.util.ArrayList<>(lastOfGateways.get());
        java.util.Collections.reverse(others);
        for (String other : others) {
            if (ids.size() >= MAX_PREDECESSORS) {
                break;
            }
            ids.add(other);
        }
        return String.join(",", ids);
    }

    private ProducerRecord<byte[], byte[]> copy(String db, String statement, String id, int partition, int copies, String prev,
            String incarnation) {
        ProducerRecord<byte[], byte[]> rec = new ProducerRecord<>(ingestTopic, partition, db.getBytes(StandardCharsets.UTF_8),
                statement.getBytes(StandardCharsets.UTF_8));
        RecordHeaders.put(rec.headers(), RecordHeaders.DB, db);
        RecordHeaders.put(rec.headers(), RecordHeaders.RP, "");
        RecordHeaders.put(rec.headers(), RecordHeaders.KIND, RecordHeaders.KIND_DDL);
        RecordHeaders.put(rec.headers(), RecordHeaders.DDL_ID, id);
        RecordHeaders.put(rec.headers(), RecordHeaders.DDL_COPIES, Integer.toString(copies));
        RecordHeaders.put(rec.headers(), RecordHeaders.DDL_COPY, Integer.toString(partition));
        if (!prev.isEmpty()) {
            RecordHeaders.put(rec.headers(), RecordHeaders.DDL_PREV, prev);
        }
        if (!incarnation.isEmpty()) {
            RecordHeaders.put(rec.headers(), RecordHeaders.DB_INCARNATION, incarnation);
        }
        return rec;
    }

    private Producer<byte[], byte[]> producer() {
        if (producer == null) {
            Producer<byte[], byte[]> p = producers.get();
            try {
                p.initTransactions(); // fences an earlier incarnation of this gateway and aborts what it left open
            } catch (KafkaException e) {
                p.close(Duration.ZERO);
                throw e;
            }
            producer = p;
        }
        return producer;
    }

    /** Aborts; a producer that cannot even abort is dropped, and the next statement starts afresh. */
    private void abort(Producer<byte[], byte[]> p, KafkaException cause) {
        try {
            p.abortTransaction();
        } catch (KafkaException e) {
            log.warn("event=ddl_transaction_dropped error=\"{}\" cause=\"{}\"", e.toString(), cause.toString());
            p.close(Duration.ZERO);
            producer = null;
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
