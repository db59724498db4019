package io.influxha.router;

import io.influxha.core.KafkaCluster;
import io.influxha.core.Topics;
import io.influxha.core.config.InfluxHaConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.LogAndFailExceptionHandler;
import org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler;

/**
 * Kafka Streams settings of the router.
 *
 * <p>Error policy: nothing is ever skipped silently. Bad line protocol is not an exception here:
 * the processor sends it to the dead-letter topic itself. What is left fails the stream thread,
 * which aborts the open transaction (so no partial output is visible to {@code read_committed}
 * writers and the input is re-read after a restart) and stops the router with an ERROR log:
 * <ul>
 *   <li>deserialization: keys and values are raw bytes, so a failure means a corrupt fetch: fail.
 *   <li>production: retriable errors are retried, others (e.g. authorization, a record over
 *       {@code max.request.size}) fail. Output records are never larger than their input record,
 *       and the producer accepts 8 MiB, the consumer's fetch size, so a too-large record is a
 *       misconfiguration to fix, not data to drop.
 *   <li>processing: an unexpected exception in the routing code is a bug: fail rather than lose
 *       the record.
 * </ul>
 */
final class StreamsProperties {
    private static final int BATCH_BYTES = 512 * 1024;
    private static final int MAX_RECORD_BYTES = 8 * 1024 * 1024;
    /** How long a router transaction may stay open before the coordinator aborts it (docs/operations.md, "Failover"). */
    static final int ROUTER_TRANSACTION_TIMEOUT_MS = 5_000;

    private StreamsProperties() {}

    /** The client id is the application id, {@code <prefix>-router}. */
    static Properties of(InfluxHaConfig config, KafkaCluster kafka) {
        Map<String, Object> p = new HashMap<>();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, Topics.routerApplicationId(config.kafka().topicPrefix()));
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.router().streamThreads());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.router().commitInterval().toMillis());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.kafka().replicationFactor());
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.dataDir().resolve("router-state").toString());
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndFailExceptionHandler.class);
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DefaultProductionExceptionHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndFailProcessingExceptionHandler.class);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), BATCH_BYTES);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), MAX_RECORD_BYTES);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), MAX_RECORD_BYTES);
        p.putAll(KafkaCluster.GROUP_MEMBER_DEFAULTS); // unprefixed, so that kafka.client_overrides still has the last word
        // A killed router's open transaction holds the shard partitions' last stable offset, and so
        // every writer, until the coordinator aborts it: 5 s after it began (Streams' default is 10 s).
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, ROUTER_TRANSACTION_TIMEOUT_MS);
        Properties props = new Properties();
        props.putAll(kafka.clientProps("router", p));
        return props;
    }
}
