package io.influxha.gateway;

import io.influxha.core.config.UdpListenerSettings;
import io.influxha.core.lp.LineProtocolParser;
import io.influxha.core.lp.ParseReport;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A UDP line-protocol listener ({@code gateway.udp[]}), as InfluxDB's UDP service: every datagram
 * holds whole lines for the listener's database, retention policy and precision. Lines are batched
 * (batch_size lines or batch_timeout, whichever first) and each batch takes the /write path: parse,
 * stamp, group, publish, wait for Kafka. <b>At most once</b>: UDP has no answer, so a datagram the
 * kernel drops (socket buffer full while a batch is being published), a line that does not parse,
 * or a batch Kafka does not acknowledge is lost, and only counted and logged. Use HTTP for data
 * that must not be lost. Each batch's database and retention policy are checked first, as
 * influxd's UDP service writes through the same PointsWriter checks: a batch to a missing one is
 * dropped and logged, never published (it would hold every writer until the policy existed).
 */
final class UdpListener implements AutoCloseable {
    /** Refuses a batch whose database or retention policy does not exist ({@link DatabaseGuard}). */
    interface TargetCheck {
        /**
         * @return the policy the batch goes to ({@code rp}, or the database's default for an empty
         *     one) and the database's and policy's incarnations
         * @throws RejectedRequestException when the batch must not be published
         */
        Target require(String db, String rp);

        TargetCheck NONE = (db, rp) -> new Target(rp, "", "");
    }

    /** Where a batch goes: its retention policy, its database's incarnation and the policy's ("" when unknown). */
    record Target(String rp, String incarnation, String policyIncarnation) {
    }

    private static final Logger log = LoggerFactory.getLogger(UdpListener.class);
    private static final int MAX_DATAGRAM = 65_535;
    private static final int MAX_BATCH_BYTES = 1 << 20;

    private final UdpListenerSettings settings;
    private final IngestPublisher publisher;
    private final MemoryBudget memory;
    private final Duration publishTimeout;
    private final TargetCheck target;
    private final DatagramSocket socket;
    private final int port;
    private final Thread thread;
    private final LongAdder pointsPublished = new LongAdder();
    private final LongAdder pointsLost = new LongAdder();
    private volatile boolean closed;

    private byte[] batch = new byte[MAX_DATAGRAM];
    private int batchLength;
    private int batchLines;

    private UdpListener(UdpListenerSettings settings, IngestPublisher publisher, MemoryBudget memory, Duration publishTimeout,
            TargetCheck target, DatagramSocket socket) {
        this.settings = settings;
        this.target = target;
        this.publisher = publisher;
        this.memory = memory;
        this.publishTimeout = publishTimeout;
        this.socket = socket;
        this.port = socket.getLocalPort();
        this.thread = new Thread(this::run, "udp-" + socket.getLocalPort());
        this.thread.setDaemon(true);
    }

    /** @throws IllegalStateException naming the listener's address when it cannot be bound */
    static UdpListener start(UdpListenerSettings settings, IngestPublisher publisher, MemoryBudget memory, Duration publishTimeout,
            TargetCheck target) {
        DatagramSocket socket;
        try {
            socket = new DatagramSocket(new InetSocketAddress(settings.listen().host(), settings.listen().port()));
            socket.setSoTimeout((int) Math.max(1, settings.batchTimeout().toMillis()));
        } catch (IOException e) {
            throw new IllegalStateException("gateway.udp listen " + settings.listen() + ": cannot listen: " + e.getMessage(), e);
        }
        UdpListener listener = new UdpListener(settings, publisher, memory, publishTimeout, target, socket);
        listener.thread.start();
        log.info("event=udp_started listen={}:{} db={} rp={} precision={} batch_size={} batch_timeout={}",
                settings.listen().host(), socket.getLocalPort(), settings.database(), settings.retentionPolicy(),
                settings.precision(), settings.batchSize(), settings.batchTimeout());
        return listener;
    }

    int port() {
        return port;
    }

    long pointsPublished() {
        return pointsPublished.sum();
    }

    long pointsLost() {
        return pointsLost.sum();
    }

    private void run() {
        DatagramPacket packet = new DatagramPacket(new byte[MAX_DATAGRAM], MAX_DATAGRAM);
        long batchStarted = 0;
        while (!closed) {
            try {
                socket.receive(packet);
                if (batchLength == 0) {
                    batchStarted = System.nanoTime();
                }
                append(packet.getData(), packet.getLength());
            } catch (SocketTimeoutException e) {
                // no datagram within batch_timeout: fall through to the time check
            } catch (IOException e) {
                if (!closed) {
                    log.warn("event=udp_receive_failed port={} error=\"{}\"", port(), e.toString());
                }
            }
            boolean due = batchLength > 0 && System.nanoTime() - batchStarted >= settings.batchTimeout().toNanos();
            if (due || batchLines >= settings.batchSize() || batchLength >= MAX_BATCH_BYTES) {
                flush();
            }
        }
        flush();
    }

    private void append(byte[] data, int length) {
        if (batchLength + length + 1 > batch.length) {
            batch = Arrays.copyOf(batch, Math.max(batch.length * 2, batchLength + length + 1));
        }
        System.arraycopy(data, 0, batch, batchLength, length);
        batchLength += length;
        for (int i = 0; i < length; i++) {
            if (data[i] == '\n') {
                batchLines++;
            }
        }
        if (length > 0 && data[length - 1] != '\n') {
            batch[batchLength++] = '\n';
            batchLines++;
        }
    }

    /** Publishes the pending lines and waits for Kafka; a failure loses the batch (at most once) and is logged. */
    private void flush() {
        if (batchLength == 0) {
            return;
        }
        PointGrouper grouper = null;
        try (MemoryBudget.Reservation reservation = memory.open()) {
            Target to = target.require(settings.database(), settings.retentionPolicy());
            reservation.grow(batchLength);
            grouper = new PointGrouper(settings.database(), to.rp(), PointGrouper.RECORD_TARGET_BYTES, reservation);
            ParseReport report = new LineProtocolParser().parse(batch, 0, batchLength, settings.precision(), WriteHandler.nowNanos(), grouper);
            if (!report.ok()) {
                log.warn("event=udp_lines_rejected port={} db={} error=\"{}\"", port(), settings.database(), report.influxMessage());
            }
            Acknowledgements.publishAll(publisher, grouper.finish(to.rp(), to.incarnation(), to.policyIncarnation()), publishTimeout);
            pointsPublished.add(grouper.points());
        } catch (RejectedRequestException e) {
            int lost = grouper == null ? batchLines : grouper.points();
            pointsLost.add(lost);
            log.error("event=udp_batch_lost port={} db={} points={} error=\"{}\"", port(), settings.database(), lost, e.getMessage());
        } finally {
            batchLength = 0;
            batchLines = 0;
            if (batch.length > MAX_BATCH_BYTES) {
                batch = new byte[MAX_DATAGRAM];
            }
        }
    }

    /**
     * Closes the socket (which ends a blocked receive at once), then lets the receiving thread
     * publish what is pending, bounded by publish_timeout.
     */
    @Override
    public void close() {
        closed = true;
        socket.close();
        try {
            thread.join(publishTimeout.toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
