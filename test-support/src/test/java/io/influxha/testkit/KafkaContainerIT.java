package io.influxha.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** The Docker path of {@link KafkaFixture}; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class KafkaContainerIT {
    @Container
    static final KafkaContainer KAFKA = ContainerKafka.newContainer();

    @Test
    void a_record_produced_to_the_container_is_consumed_back() throws Exception {
        String bootstrap = KAFKA.getBootstrapServers();
        TopicSetup.create(bootstrap, Map.of("container-check", 1));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", bootstrap,
                "key.serializer", StringSerializer.class,
                "value.serializer", StringSerializer.class))) {
            producer.send(new ProducerRecord<>("container-check", "k", "hello")).get(30, TimeUnit.SECONDS);
        }

        assertThat(RecordReader.read(bootstrap, "container-check", 1, Duration.ofSeconds(30)))
                .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly("hello");
    }
}
