package io.influxha.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplicaCountsTest {

    @Test
    void counts_of_every_measurement_are_summed() {
        String json = """
                {"results":[{"statement_id":0,"series":[{"name":"m0","columns":["time","count"],"values":[[0,1500]]},\
                {"name":"m1","columns":["time","count"],"values":[["1970-01-01T00:00:00Z",250]]}]}]}""";
        assertThat(ReplicaCounts.sumCounts(json)).isEqualTo(1750);
    }

    @Test
    void an_empty_or_missing_database_counts_zero() {
        assertThat(ReplicaCounts.sumCounts("{\"results\":[{\"statement_id\":0}]}")).isZero();
        assertThat(ReplicaCounts.sumCounts("{\"results\":[{\"statement_id\":0,\"error\":\"database not found: bench\"}]}")).isZero();
    }

    /** Read as JSON: text that looks like a row inside a name or a tag is not counted (the regex it replaces did). */
    @Test
    void only_rows_count_not_text_that_looks_like_one() {
        String json = """
                {"results":[{"statement_id":0,"series":[{"name":"m[0,7]","tags":{"host":"[1, 9]"},\
                "columns":["time","count"],"values":[[0,3]]}]}]}""";
        assertThat(ReplicaCounts.sumCounts(json)).isEqualTo(3);
    }
}
