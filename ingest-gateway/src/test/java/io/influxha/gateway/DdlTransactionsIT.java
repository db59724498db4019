package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.RecordHeaders;
import io.influxha.core.Topics;
import io.influxha.core.catalog.CatalogEntry;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.testkit.KafkaFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A DDL statement is one Kafka transaction: its copies (one per ingest partition, each naming it)
 * and its catalog entries are read (read_committed, as the router and the catalog's readers read)
 * all together or not at all. A gateway killed mid-transaction (its producer abandoned with the
 * transaction open, as a kill -9 leaves it) stops every read_committed reader of the ingest topic,
 * the router first: measured here until the transaction timeout ends it, and until the same
 * gateway's restart fences it.
 */
class DdlTransactionsIT {
    private static final int PARTITIONS = 3;
    private String prefix;
    private InfluxHaConfig config;

    @BeforeEach
    void topics() {
        prefix = KafkaFixture.uniqueName("ddltx");
        KafkaFixture.createTopics(Map.of(Topics.ingest(prefix), PARTITIONS, Topics.catalog(prefix), 1));
        InfluxHaConfig base = TestConfigs.gateway(KafkaFixture.bootstrapServers(), prefix, Duration.ofSeconds(30), Map.of());
        config = new InfluxHaConfig(base.dataDir(), base.kafka(), base.gateway().withInstanceId("it-" + prefix), base.backends(),
                base.shards(), base.writer(), base.router());
    }

    @Test
    void a_statement_is_its_copies_one_per_partition_each_named_and_its_catalog_entries_together() {
        try (DdlTransactions ddl = DdlTransactions.create(config, KafkaFixture.cluster(config))) {
            ddl.publish("db", "DROP MEASUREMENT m", List.of(CatalogEntry.database("db", "CREATE DATABASE db", "autogen")));
        }

        List<ConsumerRecord<byte[], byte[]>> copies = KafkaFixture.readAll(Topics.ingest(prefix), PARTITIONS, Duration.ofSeconds(30));
        assertThat(copies).hasSize(PARTITIONS);
        assertThat(copies).allSatisfy(r -> {
            assertThat(RecordHeaders.get(r.headers(), RecordHeaders.DDL_COPY)).isEqualTo(Integer.toString(r.partition()));
            assertThat(RecordHeaders.get(r.headers(), RecordHeaders.DDL_COPIES)).isEqualTo(Integer.toString(PARTITIONS));
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("DROP MEASUREMENT m");
        });
        assertThat(copies.stream().map(r -> RecordHeaders.get(r.headers(), RecordHeaders.DDL_ID)).collect(Collectors.toSet())).hasSize(1);
        List<ConsumerRecord<byte[], byte[]>> catalog = KafkaFixture.readAll(Topics.catalog(prefix), 2, Duration.ofSeconds(30));
        assertThat(catalog).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("db/db", "gateway/it-" + prefix); // the statement's entries, then this gateway's last statement
    }

    @Test
    void each_statement_names_the_one_its_gateway_committed_before_it_and_a_failed_one_is_never_named() {
        try (DdlTransactions ddl = DdlTransactions.create(config, KafkaFixture.cluster(config))) {
            ddl.publish("db", "DROP MEASUREMENT a", List.of());
            ddl.publish("db", "DROP MEASUREMENT b", List.of());
        }

        List<ConsumerRecord<byte[], byte[]>> copies = KafkaFixture.readAll(Topics.ingest(prefix), 2 * PARTITIONS, Duration.ofSeconds(30));
        Map<String, String> idOf = copies.stream().collect(Collectors.toMap(r -> new String(r.value(), StandardCharsets.UTF_8),
                r -> RecordHeaders.get(r.headers(), RecordHeaders.DDL_ID), (x, y) -> x));
        Map<String, Set<String>> prevOf = copies.stream().collect(Collectors.groupingBy(r -> new String(r.value(), StandardCharsets.UTF_8),
                Collectors.mapping(r -> RecordHeaders.get(r.headers(), RecordHeaders.DDL_PREV), Collectors.toSet())));
        assertThat(prevOf.get("DROP MEASUREMENT a")).as("the first of all names none").containsExactly("");
        assertThat(prevOf.get("DROP MEASUREMENT b")).containsExactly(idOf.get("DROP MEASUREMENT a"));
    }

    @Test
    void a_statement_names_the_last_statements_other_gateways_and_its_own_earlier_run_committed_as_the_catalog_shows_them()
            throws Exception {
        InfluxHaConfig other = new InfluxHaConfig(config.dataDir(), config.kafka(), config.gateway().withInstanceId("other-" + prefix),
                config.backends(), config.shards(), config.writer(), config.router());
        try (io.influxha.core.catalog.CatalogTail tail = io.influxha.core.catalog.CatalogTail.start(KafkaFixture.cluster(config),
                "it", () -> {})) {
            try (DdlTransactions first = DdlTransactions.create(config, KafkaFixture.cluster(config))) {
                first.publish("db", "DROP MEASUREMENT a", List.of());
            }
            assertThat(tail.awaitCaughtUp(System.nanoTime() + Duration.ofSeconds(30).toNanos())).isTrue();
            try (DdlTransactions second = DdlTransactions.create(other, KafkaFixture.cluster(other))) {
                second.predecessorsFrom(() -> tail.catalog().lastStatementsOfGateways(DdlTransactions.MAX_PREDECESSORS));
                second.publish("db", "DROP MEASUREMENT b", List.of());
            }
            assertThat(tail.awaitCaughtUp(System.nanoTime() + Duration.ofSeconds(30).toNanos())).isTrue();
            try (DdlTransactions firstAgain = DdlTransactions.create(config, KafkaFixture.cluster(config))) { // restarted
                firstAgain.predecessorsFrom(() -> tail.catalog().lastStatementsOfGateways(DdlTransactions.MAX_PREDECESSORS));
                firstAgain.publish("db", "DROP MEASUREMENT c", List.of());
            }
        }

        List<ConsumerRecord<byte[], byte[]>> copies = KafkaFixture.readAll(Topics.ingest(prefix), 3 * PARTITIONS, Duration.ofSeconds(30));
        Map<String, String> idOf = copies.stream().collect(Collectors.toMap(r -> new String(r.value(), StandardCharsets.UTF_8),
                r -> RecordHeaders.get(r.headers(), RecordHeaders.DDL_ID), (x, y) -> x));
        Map<String, Set<String>> prevOf = copies.stream().collect(Collectors.groupingBy(r -> new String(r.value(), StandardCharsets.UTF_8),
                Collectors.mapping(r -> RecordHeaders.get(r.headers(), RecordHeaders.DDL_PREV), Collectors.toSet())));
        assertThat(prevOf.get("DROP MEASUREMENT b")).as("another gateway's").containsExactly(idOf.get("DROP MEASUREMENT a"));
        assertThat(prevOf.get("DROP MEASUREMENT c")).as("the other gateway's last, most recent first, then its own earlier run's")
                .containsExactly(idOf.get("DROP MEASUREMENT b") + "," + idOf.get("DROP MEASUREMENT a"));
    }

    /**
     * Two gateways (own instance ids, so own transactional ids) publish statements at the same
     * time, and one restarts meanwhile: the restart fences only that gateway's earlier run (its
     * next statement gets the 503, nothing of it published), never the other gateway, and every
     * statement either gateway acknowledged is in the log whole, once.
     */
    @Test
    void two_gateways_publish_at_once_and_a_restart_of_one_fences_only_its_own_earlier_run() throws Exception {
        InfluxHaConfig other = new InfluxHaConfig(config.dataDir(), config.kafka(), config.gateway().withInstanceId("other-" + prefix),
                config.backends(), config.shards(), config.writer(), config.router());
        int each = 8;
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        try (DdlTransactions a = DdlTransactions.create(config, KafkaFixture.cluster(config));
                DdlTransactions b = DdlTransactions.create(other, KafkaFixture.cluster(other))) {
            var bRuns = threads.submit(() -> {
                for (int i = 0; i < 2 * each; i++) {
                    b.publish("db", "DROP MEASUREMENT b" + i, List.of());
                }
                return null;
            });
            threads.submit(() -> {
                for (int i = 0; i < each; i++) {
                    a.publish("db", "DROP MEASUREMENT a" + i, List.of());
                }
                return null;
            }).get(60, java.util.concurrent.TimeUnit.SECONDS);
            try (DdlTransactions aRestarted = DdlTransactions.create(config, KafkaFixture.cluster(config))) {
                for (int i = each; i < 2 * each; i++) {
                    aRestarted.publish("db", "DROP MEASUREMENT a" + i, List.of());
                }
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.publish("db", "DROP MEASUREMENT stale", List.of()))
                        .as("the earlier run of the restarted gateway is fenced")
                        .isInstanceOf(RejectedRequestException.class);
            }
            bRuns.get(60, java.util.concurrent.TimeUnit.SECONDS); // the other gateway never failed
        } finally {
            threads.shutdownNow();
        }

        List<ConsumerRecord<byte[], byte[]>> copies = KafkaFixture.readAllToEnd(Topics.ingest(prefix), 4 * each * PARTITIONS,
                Duration.ofSeconds(30));
        Map<String, Long> copiesOf = copies.stream().collect(Collectors.groupingBy(r -> new String(r.value(), StandardCharsets.UTF_8),
                Collectors.counting()));
        Map<String, Long> expected = new HashMap<>();
        for (int i = 0; i < 2 * each; i++) {
            expected.put("DROP MEASUREMENT a" + i, (long) PARTITIONS);
            expected.put("DROP MEASUREMENT b" + i, (long) PARTITIONS);
        }
        assertThat(copiesOf).isEqualTo(expected);
    }

    @Test
    void a_gateway_killed_mid_transaction_leaves_no_copy_and_stalls_readers_until_the_timeout_or_its_restart() throws Exception {
        String transactionalId = prefix + "-gateway-it-" + prefix;
        abandonAfterTwoCopies(transactionalId, "DELETE FROM killed");
        sendData("after the kill");

        long stalledFor = nanosUntilReadable("after the kill", Duration.ofSeconds(40));
        System.out.printf("DdlTransactionsIT: a write behind an abandoned DDL transaction became readable after %d ms (timeout %s)%n",
                stalledFor / 1_000_000, DdlTransactions.TRANSACTION_TIMEOUT);
        assertThat(stalledFor).as("readers stop while the abandoned transaction is open, at most its timeout")
                .isLessThan(DdlTransactions.TRANSACTION_TIMEOUT.toNanos() + Duration.ofSeconds(5).toNanos());

        abandonAfterTwoCopies(transactionalId, "DELETE FROM killed2");
        sendData("before the restart");
        long restartAt = System.nanoTime();
        try (DdlTransactions restarted = DdlTransactions.create(config, KafkaFixture.cluster(config))) {
            restarted.publish("db", "DROP SERIES FROM m", List.of()); // its first transaction fences the abandoned one
        }
        nanosUntilReadable("before the restart", Duration.ofSeconds(40));
        long restartToReadable = System.nanoTime() - restartAt;
        System.out.printf("DdlTransactionsIT: with the gateway started again, readable %d ms after the restart began%n",
                restartToReadable / 1_000_000);
        assertThat(restartToReadable).as("the restart ends the abandoned transaction long before its timeout")
                .isLessThan(DdlTransactions.TRANSACTION_TIMEOUT.toNanos());

        List<String> statements = KafkaFixture.readAll(Topics.ingest(prefix), Integer.MAX_VALUE, Duration.ofSeconds(3)).stream()
                .filter(r -> RecordHeaders.isDdl(r.headers())).map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        assertThat(statements).as("no copy of a killed statement is ever read; the restarted gateway's statement whole")
                .containsOnly("DROP SERIES FROM m").hasSize(PARTITIONS);
    }

    /** What a gateway killed by -9 after two of its three sends leaves: an open transaction with two copies in it. */
    private void abandonAfterTwoCopies(String transactionalId, String statement) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaFixture.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) DdlTransactions.TRANSACTION_TIMEOUT.toMillis());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        Producer<byte[], byte[]> p = new KafkaProducer<>(props);
        p.initTransactions();
        p.beginTransaction();
        for (int partition = 0; partition < 2; partition++) {
            ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(Topics.ingest(prefix), partition, new byte[0],
                    statement.getBytes(StandardCharsets.UTF_8));
            RecordHeaders.put(r.headers(), RecordHeaders.KIND, RecordHeaders.KIND_DDL);
            p.send(r);
        }
        p.flush();
        p.close(Duration.ZERO); // no commit, no abort: the broker keeps the transaction open
    }

    private void sendData(String marker) throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaFixture.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, prefix + "-data");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (Producer<byte[], byte[]> p = new KafkaProducer<>(props)) {
            for (int partition = 0; partition < PARTITIONS; partition++) {
                p.send(new ProducerRecord<>(Topics.ingest(prefix), partition, new byte[0], (marker + " v=1").getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }

    /** How long until a read_committed reader sees the marker in every partition, from now. */
    private long nanosUntilReadable(String marker, Duration timeout) {
        long start = System.nanoTime();
        Set<Integer> seen = io.influxha.testkit.Await.value(timeout,
                () -> KafkaFixture.readAll(Topics.ingest(prefix), Integer.MAX_VALUE, Duration.ofMillis(700)).stream()
                        .filter(r -> new String(r.value(), StandardCharsets.UTF_8).startsWith(marker)).map(ConsumerRecord::partition)
                        .collect(Collectors.toSet()),
                s -> s.size() == PARTITIONS, () -> marker + " readable in every partition");
        assertThat(seen).hasSize(PARTITIONS);
        return System.nanoTime() - start;
    }
}
