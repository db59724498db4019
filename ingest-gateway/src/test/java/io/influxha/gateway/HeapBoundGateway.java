package io.influxha.gateway;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.influxha.core.config.BackendSettings;
import io.influxha.core.config.DataSize;
import io.influxha.core.config.GatewaySettings;
import io.influxha.core.config.HostPort;
import io.influxha.core.config.ShardSettings;
import io.influxha.gateway.query.TestRouters;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The gateway alone in a JVM of its own, so that a test can bound its heap ({@code -Xmx}): /query
 * routed over the shards given as arguments, no Kafka. It writes its port to {@code DIR/port} once
 * it listens, and when its standard input closes it writes {@code DIR/heap} (the heap's peak use,
 * and the largest heap left in use after a garbage collection: what it really held) and exits.
 * Arguments: {@code DIR MAX_MERGE_SIZE_BYTES SHARD...}, a shard being {@code name=url=m1,m2} (one
 * replica; the last shard takes every other measurement).
 */
final class HeapBoundGateway {
    private HeapBoundGateway() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        AtomicLong liveAfterGc = watchCollections();
        List<BackendSettings> backends = new ArrayList<>();
        List<ShardSettings> shards = new ArrayList<>();
        for (String spec : Arrays.asList(args).subList(2, args.length)) {
            String[] parts = spec.split("=", 3);
            backends.add(BackendSettings.of(parts[0], URI.create(parts[1])));
            shards.add(new ShardSettings(parts[0], List.of(parts[0]), List.of(parts[2].split(","))));
        }
        TestRouters routers = new TestRouters(backends, shards, 1000);
        routers.maxMergeSize(DataSize.ofBytes(Long.parseLong(args[1])));
        GatewaySettings settings = new GatewaySettings(new HostPort("127.0.0.1", 0), new DataSize(1 << 20), Duration.ofSeconds(5));
        try (Gateway gateway = Gateway.start(settings, new FakePublisher(), new MemoryBudget(1 << 24), routers.router)) {
            Files.writeString(dir.resolve("port.tmp"), Integer.toString(gateway.port()));
            Files.move(dir.resolve("port.tmp"), dir.resolve("port"));
            System.in.transferTo(OutputStream.nullOutputStream()); // until the test closes our input
            Files.writeString(dir.resolve("heap"), "peak_heap_bytes=" + peakHeap() + " live_after_gc_bytes=" + liveAfterGc.get()
                    + " max_heap_bytes=" + Runtime.getRuntime().maxMemory());
        }
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /** The largest heap in use right after any collection (an upper bound of what was live). */
    private static AtomicLong watchCollections() {
        AtomicLong max = new AtomicLong();
        java.util.Set<String> heapPools = new java.util.HashSet<>();
        ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).forEach(p -> heapPools.add(p.getName()));
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    return;
                }
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
                        .mapToLong(e -> e.getValue().getUsed()).sum();
                max.accumulateAndGet(used, Math::max);
            }, null, null);
        }
        return max;
    }
}
