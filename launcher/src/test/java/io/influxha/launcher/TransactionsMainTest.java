package io.influxha.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransactionsMainTest {
    @Test
    void a_topic_without_its_partition_is_a_usage_error_named_before_kafka_is_asked() {
        MainTest.Run r = MainTest.run("transactions", "abort", "-c", "absent.yaml", "--producer-id", "7", "--producer-epoch", "1",
                "--topic", "influxha.shard.main");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--topic and --partition go together");
    }

    @Test
    void abort_needs_the_producer_id_and_epoch() {
        MainTest.Run r = MainTest.run("transactions", "abort", "-c", "absent.yaml");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--producer-epoch", "--producer-id");
    }

    @Test
    void an_invalid_age_is_a_usage_error_with_the_option_and_value() {
        MainTest.Run r = MainTest.run("transactions", "find", "-c", "absent.yaml", "--older-than", "soon");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--older-than: invalid duration \"soon\"");
    }

    @Test
    void without_a_subcommand_it_names_both() {
        MainTest.Run r = MainTest.run("transactions");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("missing subcommand: find or abort");
    }
}
