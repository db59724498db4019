package io.influxha.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.RecordHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class WriterRejectionTest {
    private static final String BAD = "cpu value=\"text\" 4";

    @Test
    void halving_isolates_the_one_conflicting_line_which_alone_goes_to_the_dlq_while_the_rest_is_written() throws Exception {
        try (WriterFixture f = new WriterFixture(WriterFixture.settings(5000, 1 << 20, Duration.ofMillis(50))).start(1)) {
            f.influx.respond(r -> r.body().contains(BAD)
                    ? FakeInflux.Response.error(400, "partial write: field type conflict: input field \"value\" on measurement \"cpu\" is type string, already exists as type float dropped=1")
                    : FakeInflux.NO_CONTENT);
            f.consumer.schedulePollTask(() -> {
                f.data(0, 0, "db", "rp1", "cpu value=1 1\ncpu value=2 2\ncpu value=3 3\n");
                f.data(0, 1, "db", "rp1", BAD + "\ncpu value=5 5\n");
                f.data(0, 2, "db", "rp1", "cpu value=6 6\ncpu value=7 7\ncpu value=8 8\n");
            });

            f.awaitCommitted(0, 3);

            List<String> accepted = f.influx.writes().stream().filter(r -> !r.body().contains(BAD)).flatMap(r -> r.lines().stream()).toList();
            assertThat(accepted).containsExactlyInAnyOrder("cpu value=1 1", "cpu value=2 2", "cpu value=3 3", "cpu value=5 5",
                    "cpu value=6 6", "cpu value=7 7", "cpu value=8 8");
            assertThat(f.deadLetters()).hasSize(1);
            ProducerRecord<byte[], byte[]> dead = f.deadLetters().get(0);
            assertThat(dead.topic()).isEqualTo("t.dlq");
            assertThat(new String(dead.value(), StandardCharsets.UTF_8).strip()).isEqualTo(BAD);
            assertThat(header(dead, RecordHeaders.DB)).isEqualTo("db");
            assertThat(header(dead, RecordHeaders.RP)).isEqualTo("rp1");
            assertThat(header(dead, RecordHeaders.DLQ_BACKEND)).isEqualTo("a");
            assertThat(header(dead, RecordHeaders.DLQ_REASON)).contains("field type conflict");
            assertThat(header(dead, RecordHeaders.DLQ_SOURCE_TOPIC)).isEqualTo(WriterFixture.TOPIC);
            assertThat(header(dead, RecordHeaders.DLQ_SOURCE_PARTITION)).isEqualTo("0");
            assertThat(header(dead, RecordHeaders.DLQ_SOURCE_OFFSET)).isEqualTo("1");
            assertThat(f.writer().pointsWritten()).isEqualTo(7);
        }
    }

    @Test
    void an_unparsable_batch_dead_letters_only_the_unparsable_line() throws Exception {
        try (WriterFixture f = new WriterFixture(WriterFixture.settings(5000, 1 << 20, Duration.ofMillis(50))).start(1)) {
            f.influx.respond(r -> r.body().contains("broken") ? FakeInflux.Response.error(400, "unable to parse 'broken': missing fields")
                    : FakeInflux.NO_CONTENT);
            f.consumer.schedulePollTask(() -> f.data(0, 0, "db", "", "a v=1 1\nbroken\nb v=1 1\nc v=1 1\n"));

            f.awaitCommitted(0, 1);

            assertThat(f.deadLetters()).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("broken\n");
            assertThat(f.writer().pointsWritten()).isEqualTo(3);
        }
    }

    @Test
    void a_record_without_db_header_is_dead_lettered_and_the_partition_moves_on() throws Exception {
        try (WriterFixture f = new WriterFixture(WriterFixture.settings(5000, 1 << 20, Duration.ofMillis(50))).start(1)) {
            f.consumer.schedulePollTask(() -> {
                f.data(0, 0, "", "", "a v=1 1\n");
                f.data(0, 1, "db", "", "b v=1 1\n");
            });

            f.awaitCommitted(0, 2);

            assertThat(f.deadLetters()).hasSize(1);
            assertThat(header(f.deadLetters().get(0), RecordHeaders.DLQ_REASON)).contains("no db header");
            assertThat(f.writtenLines()).containsExactly("b v=1 1");
        }
    }

    private static String header(ProducerRecord<byte[], byte[]> r, String name) {
        return RecordHeaders.get(r.headers(), name);
    }
}
