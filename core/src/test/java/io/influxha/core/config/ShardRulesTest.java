package io.influxha.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShardRulesTest {
    /** Rules in order: cpu exact and glob, then a regex shard, then the default listed in the middle. */
    private static final ShardRules RULES = ShardRules.of(List.of(
            new ShardSettings("cpu", List.of("a"), List.of("cpu", "cpu_?", "proc*")),
            new ShardSettings("rest", List.of("a", "b"), List.of("*", "mem")),
            new ShardSettings("net", List.of("b"), List.of("/^net(_|$)/", "/if/", "disk", "cpu_x"))));

    @ParameterizedTest(name = "{0} goes to {1}")
    @CsvSource({
        "cpu, cpu",          // exact
        "cpu_1, cpu",        // glob ? is one character
        "cpu_10, rest",      // ... not two
        "processes, cpu",    // glob * is any run
        "proc, cpu",         // ... including none
        "mem, rest",         // exact in the default shard
        "net, net",          // regex anchored at both ends by the user
        "net_bytes, net",
        "netstat, rest",     // regex does not match: default
        "sniffer, net",      // an unanchored regex matches anywhere, like InfluxQL's =~
        "wifi, net",
        "disk, net",         // exact in a later shard
        "cpu_x, cpu",        // the earlier glob wins over a later exact name
        "zfs, rest",         // nothing matches: default
        "'', rest"})
    void first_matching_rule_in_configuration_order_wins_else_the_default(String measurement, String shard) {
        assertThat(RULES.shardFor(measurement)).isEqualTo(shard);
        assertThat(RULES.shardFor(measurement)).as("answer from the cache").isEqualTo(shard);
    }

    @Test
    void default_shard_is_the_one_listing_star_wherever_it_stands() {
        assertThat(RULES.defaultShard()).isEqualTo("rest");
    }

    @Test
    void glob_characters_other_than_star_and_question_mark_are_literal() {
        ShardRules rules = ShardRules.of(List.of(
                new ShardSettings("dots", List.of("a"), List.of("a.b*", "x[1]?")),
                new ShardSettings("main", List.of("a"), List.of("*"))));
        assertThat(rules.shardFor("a.b.c")).isEqualTo("dots");
        assertThat(rules.shardFor("aXb")).isEqualTo("main");
        assertThat(rules.shardFor("x[1]2")).isEqualTo("dots");
        assertThat(rules.shardFor("x12")).isEqualTo("main");
    }

    @Test
    void shard_names_keep_configuration_order() {
        assertThat(RULES.shardNames()).containsExactly("cpu", "rest", "net");
    }

    @Test
    void single_catch_all_shard_takes_everything() {
        ShardRules rules = ShardRules.of(List.of(new ShardSettings("main", List.of("a", "b"), List.of("*"))));
        assertThat(rules.shardFor("anything")).isEqualTo("main");
    }

    @Test
    void cache_stays_bounded_and_answers_stay_right_when_names_are_unbounded() {
        for (int i = 0; i < ShardRules.CACHE_LIMIT + 10; i++) {
            assertThat(RULES.shardFor("m" + i)).isEqualTo("rest");
        }
        assertThat(RULES.shardFor("cpu_7")).isEqualTo("cpu");
    }

    @Test
    void rules_without_a_default_shard_are_refused() {
        assertThatThrownBy(() -> ShardRules.of(List.of(new ShardSettings("s", List.of("a"), List.of("cpu")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no default shard");
    }
}
