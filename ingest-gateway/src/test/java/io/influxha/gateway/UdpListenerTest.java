package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.config.DataSize;
import io.influxha.core.config.GatewaySettings;
import io.influxha.core.config.HostPort;
import io.influxha.core.config.UdpListenerSettings;
import io.influxha.core.lp.Precision;
import io.influxha.testkit.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** UDP line protocol on loopback, into a fake ingest topic. */
class UdpListenerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final FakePublisher publisher = new FakePublisher();

    private UdpListener listener(Precision precision, int batchSize, Duration batchTimeout) {
        UdpListenerSettings settings = new UdpListenerSettings(new HostPort("127.0.0.1", 0), "udpdb", "week",
                precision, batchSize, batchTimeout);
        return listener(settings, UdpListener.TargetCheck.NONE);
    }

    private UdpListener listener(UdpListenerSettings settings, UdpListener.TargetCheck target) {
        return UdpListener.start(settings, publisher, new MemoryBudget(64L << 20), Duration.ofSeconds(5), target);
    }

    private static void send(int port, String datagram) {
        byte[] bytes = datagram.getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void datagrams_are_published_to_the_listener_database_in_its_precision_once_batch_size_lines_arrived() {
        try (UdpListener udp = listener(Precision.SECONDS, 3, Duration.ofMinutes(1))) {
            send(udp.port(), "cpu,host=a v=1 1700000000\ncpu,host=b v=2 1700000001");
            send(udp.port(), "mem used=3i 1700000002\n");

            Await.until(WAIT, () -> publisher.lines().size() == 3, () -> "3 lines published, saw " + publisher.lines());
            assertThat(publisher.lines()).containsExactly("cpu,host=a v=1 1700000000000000000",
                    "cpu,host=b v=2 1700000001000000000", "mem used=3i 1700000002000000000");
            assertThat(publisher.sent).extracting(IngestRecord::key).containsExactly("udpdb/week/cpu", "udpdb/week/mem");
            assertThat(udp.pointsPublished()).isEqualTo(3);
        }
    }

    @Test
    void a_partial_batch_is_published_after_batch_timeout_and_bad_lines_are_dropped() {
        try (UdpListener udp = listener(Precision.NANOSECONDS, 1000, Duration.ofMillis(50))) {
            send(udp.port(), "good v=1 1\nbad line\n");

            Await.until(WAIT, () -> !publisher.lines().isEmpty(), () -> "the lone good line to be published");
            assertThat(publisher.lines()).containsExactly("good v=1 1");
        }
    }

    @Test
    void a_batch_kafka_does_not_acknowledge_is_lost_and_counted_at_most_once() {
        publisher.acks = r -> CompletableFuture.failedFuture(new IllegalStateException("broker down"));
        try (UdpListener udp = listener(Precision.NANOSECONDS, 2, Duration.ofMinutes(1))) {
            send(udp.port(), "m v=1 1\nm v=2 2\n");

            Await.until(WAIT, () -> udp.pointsLost() == 2, () -> "2 points counted lost, saw " + udp.pointsLost());
            assertThat(udp.pointsPublished()).isZero();
        }
    }

    @Test
    void the_gateway_starts_the_configured_listeners_and_closes_them_with_the_server() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        GatewaySettings settings = new GatewaySettings(new HostPort("127.0.0.1", 0), new DataSize(1 << 20), Duration.ofSeconds(5),
                GatewaySettings.DEFAULT_MAX_READ_LAG, GatewaySettings.DEFAULT_HEALTH_CHECK_INTERVAL,
                List.of(new UdpListenerSettings(new HostPort("127.0.0.1", port), "viaGateway", "", Precision.MILLISECONDS,
                        1, Duration.ofMillis(50))));
        try (Gateway gateway = Gateway.start(settings, publisher, new MemoryBudget(64L << 20))) {
            send(port, "g v=1 1700000000123");

            Await.until(WAIT, () -> !publisher.lines().isEmpty(), () -> "the UDP line to be published");
            assertThat(publisher.lines()).containsExactly("g v=1 1700000000123000000");
            assertThat(publisher.sent.get(0).db()).isEqualTo("viaGateway");
        }
        try (DatagramSocket rebind = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
            assertThat(rebind.getLocalPort()).as("the listener's port is free again after close").isEqualTo(port);
        }
    }
    /** influxd's UDP service writes each batch through the PointsWriter, which refuses a missing policy: the batch is dropped. */
    @Test
    void a_batch_to_a_retention_policy_that_does_not_exist_is_lost_and_never_published() {
        UdpListenerSettings settings = new UdpListenerSettings(new HostPort("127.0.0.1", 0), "udpdb", "nope", Precision.NANOSECONDS, 2,
                Duration.ofMinutes(1));
        try (UdpListener udp = listener(settings, (db, rp) -> {
            throw RejectedRequestException.internalError("retention policy not found: " + rp);
        })) {
            send(udp.port(), "m v=1 1\nm v=2 2\n");

            Await.until(WAIT, () -> udp.pointsLost() == 2, () -> "2 points counted lost, saw " + udp.pointsLost());
            assertThat(publisher.sent).isEmpty();
        }
    }

    @Test
    void a_gateway_listener_whose_policy_does_not_exist_still_starts_and_drops_its_batches() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        GatewaySettings settings = new GatewaySettings(new HostPort("127.0.0.1", 0), new DataSize(1 << 20), Duration.ofSeconds(5),
                GatewaySettings.DEFAULT_MAX_READ_LAG, GatewaySettings.DEFAULT_HEALTH_CHECK_INTERVAL,
                List.of(new UdpListenerSettings(new HostPort("127.0.0.1", port), "udpdb", "nope", Precision.NANOSECONDS,
                        1, Duration.ofMillis(50))));
        DatabaseGuardTest.FakeCatalog catalog = new DatabaseGuardTest.FakeCatalog();
        catalog.answers.put("udpdb", GatewayCatalog.Answer.EXISTS);
        catalog.policies.put("udpdb/nope", GatewayCatalog.Answer.NOT_FOUND);
        try (Gateway gateway = Gateway.start(settings, publisher, new MemoryBudget(64L << 20),
                io.influxha.gateway.query.QueryRouter.none(), catalog)) {
            try (DatagramSocket taken = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                throw new AssertionError("the listener's port should be bound, was free: " + taken.getLocalPort());
            } catch (java.net.BindException expected) {
                // bound by the listener
            }
            catalog.policies.remove("udpdb/nope"); // created meanwhile: the same listener now publishes
            send(port, "g v=1 1");

            Await.until(WAIT, () -> !publisher.lines().isEmpty(), () -> "the UDP line to be published once the policy exists");
            assertThat(publisher.sent).extracting(IngestRecord::key).containsExactly("udpdb/nope/g");
            assertThat(catalog.recorded).as("the database existed: nothing created").isEmpty();
        }
    }
}
