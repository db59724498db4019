package org.apache.kafka.streams;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Test-only bridge into {@link TopologyTestDriver}'s package-private {@code readRecord}: unlike
 * {@code TestOutputTopic} it returns the producer record with the partition the sink chose, which
 * is what the router's partitioning tests must observe.
 */
public final class DriverRecords {
    private DriverRecords() {}

    public static List<ProducerRecord<byte[], byte[]>> drain(TopologyTestDriver driver, String topic) {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        for (int i = 0; i < 1_000_000; i++) {
            ProducerRecord<byte[], byte[]> r = driver.readRecord(topic);
            if (r == null) {
                break;
            }
            out.add(r);
        }
        return out;
    }
}
