package io.influxha.broker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;

/**
 * Readiness of a broker: first its TCP port accepts, then the cluster describes itself with one
 * node. Opening an Admin client before the port is open only yields reconnect warnings and backoff.
 */
final class Readiness {
    private static final Duration POLL = Duration.ofMillis(25);
    private static final Duration ADMIN_POLL = Duration.ofMillis(50);
    private static final int CALL_TIMEOUT_MS = 5_000;

    private Readiness() {}

    /** @param alive false as soon as the broker is known to be dead, which fails the wait at once */
    static void await(String host, int port, Deadline deadline, BooleanSupplier alive, String what) {
        awaitPort(host, port, deadline, alive, what);
        awaitCluster(host + ":" + port, deadline, alive, what);
    }

    private static void awaitPort(String host, int port, Deadline deadline, BooleanSupplier alive, String what) {
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 1_000);
                return;
            } catch (IOException e) {
                check(deadline, alive, what, "port " + host + ":" + port + " does not accept connections: " + e.getMessage());
                deadline.pause(POLL);
            }
        }
    }

    static void awaitCluster(String bootstrap, Deadline deadline, BooleanSupplier alive, String what) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "influxha-broker-readiness",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, CALL_TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, CALL_TIMEOUT_MS,
                AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 50,
                AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 50,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 250))) {
            String last = "no answer yet";
            while (true) {
                try {
                    Collection<Node> nodes = admin.describeCluster().nodes().get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                    if (!nodes.isEmpty()) {
                        return;
                    }
                    last = "describeCluster returned no node";
                } catch (ExecutionException | TimeoutException e) {
                    last = "describeCluster failed: " + e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BrokerStartException("interrupted while waiting for " + what, e);
                }
                check(deadline, alive, what, last);
                deadline.pause(ADMIN_POLL);
            }
        }
    }

    private static void check(Deadline deadline, BooleanSupplier alive, String what, String last) {
        if (!alive.getAsBoolean()) {
            throw new BrokerStartException(what + " stopped before it was ready; last check: " + last);
        }
        if (deadline.expired()) {
            throw new BrokerStartException(what + " was not ready in time; last check: " + last);
        }
    }
}
