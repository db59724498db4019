package io.influxha.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaFixtureIT {

    @Test
    void records_sent_to_fixture_topics_are_read_back_without_the_warm_up_noops() throws Exception {
        String topic = KafkaFixture.uniqueName("fixture");
        KafkaFixture.createTopics(Map.of(topic, 3));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", KafkaFixture.bootstrapServers(),
                "delivery.timeout.ms", 15_000,
                "request.timeout.ms", 10_000,
                "key.serializer", StringSerializer.class,
                "value.serializer", StringSerializer.class))) {
            for (int i = 0; i < 30; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
            }
            producer.flush();
            producer.send(new ProducerRecord<>(topic, "last", "v30")).get(15, TimeUnit.SECONDS);
        }

        List<ConsumerRecord<byte[], byte[]>> records = KafkaFixture.readAll(topic, 31, Duration.ofSeconds(30));

        assertThat(records).hasSize(31);
        assertThat(records).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).contains("v0", "v29", "v30");
        assertThat(records).extracting(ConsumerRecord::partition).containsOnly(0, 1, 2);
    }

    @Test
    void unique_names_differ_and_keep_their_base() {
        assertThat(KafkaFixture.uniqueName("t")).startsWith("t-").isNotEqualTo(KafkaFixture.uniqueName("t"));
    }
}
