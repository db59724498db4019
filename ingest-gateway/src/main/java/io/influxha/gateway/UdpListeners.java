package io.influxha.gateway;

import io.influxha.core.config.UdpListenerSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The gateway's UDP listeners: none unless {@code gateway.udp} lists some; closed when the HTTP server stops. */
final class UdpListeners implements AutoCloseable {
    private final List<UdpListener> listeners = new CopyOnWriteArrayList<>();

    /** Binds every configured listener; on a failure closes those already bound and rethrows. */
    void start(List<UdpListenerSettings> settings, IngestPublisher publisher, MemoryBudget memory, Duration publishTimeout,
            UdpListener.TargetCheck target) {
        try {
            for (UdpListenerSettings s : settings) {
                listeners.add(UdpListener.start(s, publisher, memory, publishTimeout, target));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    List<UdpListener> all() {
        return List.copyOf(listeners);
    }

    @Override
    public void close() {
        listeners.forEach(UdpListener::close);
        listeners.clear();
    }
}
