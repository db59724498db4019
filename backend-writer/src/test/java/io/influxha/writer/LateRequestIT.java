package io.influxha.writer;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.influxha.core.RecordHeaders;
import io.influxha.core.Topics;
import io.influxha.core.catalog.CatalogEntry;
import io.influxha.core.catalog.CatalogPublisher;
import io.influxha.core.config.BackendSettings;
import io.influxha.core.config.DataSize;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.config.KafkaSettings;
import io.influxha.core.config.Secret;
import io.influxha.core.config.WriterSettings;
import io.influxha.influxd.InfluxdProcess;
import io.influxha.testkit.Await;
import io.influxha.testkit.KafkaFixture;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Late requests (DDL part 2, item 3): a proxy in front of a real influxd holds the writer's first
 * write past the writer's request_timeout, then forwards it. The writer gave up on it and retried,
 * but it still lands; nothing sent after it may land before it, or a newer value of the same point
 * would be overwritten by the older one on this replica only.
 */
class LateRequestIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration HOLD = Duration.ofMillis(2500);
    private static final Duration LATE_WRITE_BOUND = Duration.ofSeconds(4);
    private static final long T0 = 1_700_000_000_000_000_000L;

    @TempDir
    Path dir;
    private InfluxdProcess influxd;
    private HoldingProxy proxy;
    private String prefix;
    private String topic;
    private KafkaProducer<byte[], byte[]> producer;
    private Writer writer;

    @BeforeEach
    void setUp() throws IOException {
        influxd = InfluxdProcess.start(dir.resolve("influxd"));
        influxd.createDatabase("db");
        proxy = new HoldingProxy(influxd.url());
        prefix = KafkaFixture.uniqueName("late");
        topic = Topics.shard(prefix, "main");
        KafkaFixture.createTopics(Map.of(topic, 1, Topics.dlq(prefix), 1, Topics.catalog(prefix), 1));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaFixture.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    @AfterEach
    void tearDown() {
        if (writer != null) {
            writer.close();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
        if (proxy != null) {
            proxy.close();
        }
        if (influxd != null) {
            influxd.close();
        }
    }

    private InfluxHaConfig config(Duration lateWriteBound) {
        BackendSettings backend = new BackendSettings("a", proxy.url(), false, Duration.ofSeconds(2), REQUEST_TIMEOUT, "", Secret.NONE);
        // one point per batch: each record is its own request
        InfluxHaConfig base = WriterFixture.config(List.of(backend), new WriterSettings(1, new DataSize(1 << 20), Duration.ofMillis(10),
                Duration.ofMillis(50), Duration.ofMillis(200), lateWriteBound));
        return new InfluxHaConfig(base.dataDir(), new KafkaSettings(KafkaFixture.bootstrapServers(), prefix, 1, (short) 1, 1, Map.of()),
                base.gateway(), base.backends(), base.shards(), base.writer(), base.router());
    }

    /** The configuration with the fence on, and database db in the catalog (the gateway records every CREATE DATABASE). */
    private InfluxHaConfig configWithDatabase() {
        InfluxHaConfig config = config(LATE_WRITE_BOUND);
        try (CatalogPublisher catalog = CatalogPublisher.create(KafkaFixture.cluster(config), "test")) {
            catalog.publish(List.of(CatalogEntry.database("db", "CREATE DATABASE db", "autogen")), Duration.ofSeconds(30));
        }
        return config;
    }

    @Test
    void a_write_given_up_on_that_lands_late_never_lands_after_a_newer_value_of_the_same_point() throws Exception {
        InfluxHaConfig config = configWithDatabase();
        send("cpu,host=h value=1 " + T0 + "\n");
        send("cpu,host=h value=2 " + T0 + "\n"); // the same point, newer
        proxy.holdFirstWrite(HOLD);
        writer = Writer.start(config, KafkaFixture.cluster(config), "a");

        Await.until(WAIT, () -> proxy.released.getCount() == 0, () -> "the held write forwarded to influxd");
        Await.until(WAIT, () -> committed() == endOffset(), () -> "both records committed, at " + committed() + " of " + endOffset());

        assertThat(proxy.writes.get()).as("the held write, its retry, and the newer value").isGreaterThanOrEqualTo(3);
        assertThat(influxd.query("db", "SELECT value FROM cpu")).as("the newer value is the one kept")
                .contains("[" + T0 + ",2]");
    }

    @Test
    void a_write_given_up_on_that_lands_late_never_lands_after_the_delete_of_a_barrier_behind_it() throws Exception {
        InfluxHaConfig config = configWithDatabase();
        send("cpu,host=h value=1 " + T0 + "\n"); // acknowledged before the DELETE: the DELETE removes it
        sendCopy("DELETE FROM cpu", "del-1");
        proxy.holdFirstWrite(HOLD);
        writer = Writer.start(config, KafkaFixture.cluster(config), "a");

        Await.until(WAIT, () -> proxy.released.getCount() == 0, () -> "the held write forwarded to influxd");
        Await.until(WAIT, () -> committed() == endOffset(),
                () -> "the write and the DELETE's copy committed (the barrier passed), at " + committed() + " of " + endOffset());

        assertThat(influxd.query("db", "SELECT count(value) FROM cpu")).as("nothing written back after the DELETE").doesNotContain("\"count\"");
    }

    /**
     * DDL part 2, item 4: the DELETE of a barrier is held past request_timeout and then forwarded.
     * The writer must not send it again and release the barrier while that first attempt may still
     * run, or it deletes the point written after the barrier.
     */
    @Test
    void a_delete_given_up_on_that_runs_late_never_deletes_what_was_written_after_its_barrier() throws Exception {
        InfluxHaConfig config = configWithDatabase();
        send("cpu,host=before value=1 " + T0 + "\n");
        sendCopy("DELETE FROM cpu", "del-2");
        send("cpu,host=after value=2 " + T0 + "\n"); // after the barrier: must stay
        proxy.holdFirst(HOLD, pathAndBody -> pathAndBody.startsWith("/query ") && pathAndBody.contains("DELETE"));
        writer = Writer.start(config, KafkaFixture.cluster(config), "a");

        Await.until(WAIT, () -> proxy.released.getCount() == 0, () -> "the held DELETE forwarded to influxd");
        Await.until(WAIT, () -> committed() == endOffset(), () -> "every record committed, at " + committed() + " of " + endOffset());

        assertThat(influxd.query("db", "SELECT value, host FROM cpu")).as("the point after the barrier stays")
                .contains("\"after\"").doesNotContain("\"before\"");
    }

    private void sendCopy(String statement, String ddlId) throws Exception {
        ProducerRecord<byte[], byte[]> rec = new ProducerRecord<>(topic, 0, null, statement.getBytes(StandardCharsets.UTF_8));
        RecordHeaders.put(rec.headers(), RecordHeaders.DB, "db");
        RecordHeaders.put(rec.headers(), RecordHeaders.KIND, RecordHeaders.KIND_DDL);
        RecordHeaders.put(rec.headers(), RecordHeaders.DDL_ID, ddlId);
        RecordHeaders.put(rec.headers(), RecordHeaders.DDL_COPIES, "1");
        RecordHeaders.put(rec.headers(), RecordHeaders.DDL_COPY, "0");
        producer.send(rec).get(30, TimeUnit.SECONDS);
    }

    private void send(String lines) throws Exception {
        ProducerRecord<byte[], byte[]> rec = new ProducerRecord<>(topic, 0, null, lines.getBytes(StandardCharsets.UTF_8));
        RecordHeaders.put(rec.headers(), RecordHeaders.DB, "db");
        RecordHeaders.put(rec.headers(), RecordHeaders.RP, "autogen");
        RecordHeaders.put(rec.headers(), RecordHeaders.KIND, RecordHeaders.KIND_DATA);
        producer.send(rec).get(30, TimeUnit.SECONDS);
    }

    private long endOffset() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaFixture.bootstrapServers()))) {
            TopicPartition tp = new TopicPartition(topic, 0);
            return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get(30, TimeUnit.SECONDS).get(tp).offset();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long committed() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaFixture.bootstrapServers()))) {
            OffsetAndMetadata o = admin.listConsumerGroupOffsets(Topics.writerGroup(prefix, "a")).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).get(new TopicPartition(topic, 0));
            return o == null ? -1 : o.offset();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An HTTP proxy on loopback that can hold the first /write it receives for a while and then
     * forward it anyway, as a load balancer or a stalled influxd would after the client gave up.
     */
    static final class HoldingProxy implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService threads = Executors.newFixedThreadPool(8);
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final URI target;
        private volatile Duration hold = Duration.ZERO;
        private volatile java.util.function.Predicate<String> holdWhat = body -> false;
        private final AtomicInteger holdsLeft = new AtomicInteger();
        final AtomicInteger writes = new AtomicInteger();
        final CountDownLatch released = new CountDownLatch(1);

        HoldingProxy(URI target) throws IOException {
            this.target = target;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(threads);
            server.createContext("/", this::handle);
            server.start();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        void holdFirstWrite(Duration d) {
            holdFirst(d, pathAndBody -> pathAndBody.startsWith("/write "));
        }

        /** Holds the first request whose {@code path + " " + body} matches, for {@code d}, then forwards it. */
        void holdFirst(Duration d, java.util.function.Predicate<String> pathAndBody) {
            hold = d;
            holdWhat = pathAndBody;
            holdsLeft.set(1);
        }

        private void handle(HttpExchange ex) throws IOException {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            boolean isWrite = ex.getRequestURI().getPath().equals("/write");
            boolean held = holdWhat.test(ex.getRequestURI().getPath() + " " + new String(body, StandardCharsets.UTF_8))
                    && holdsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            if (isWrite) {
                writes.incrementAndGet();
            }
            if (held) {
                try {
                    Thread.sleep(hold.toMillis()); // bounded: one hold of a few seconds
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(target.resolve(ex.getRequestURI().toString())).timeout(Duration.ofSeconds(30));
            String type = ex.getRequestHeaders().getFirst("Content-Type");
            if (type != null) {
                forward.header("Content-Type", type);
            }
            HttpResponse<byte[]> answer;
            try {
                answer = http.send(forward.method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                if (held) {
                    released.countDown();
                }
            }
            try {
                byte[] out = answer.body();
                ex.sendResponseHeaders(answer.statusCode(), out.length == 0 ? -1 : out.length);
                if (out.length > 0) {
                    try (OutputStream o = ex.getResponseBody()) {
                        o.write(out);
                    }
                }
            } catch (IOException e) {
                // the writer gave up on this request and closed its connection: the write landed anyway
            } finally {
                ex.close();
            }
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
