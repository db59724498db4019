package io.influxha.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionBatchTest {

    @Test
    void one_write_per_run_of_the_same_db_and_rp_in_record_order_and_only_the_last_commits() {
        PartitionBatch batch = new PartitionBatch();
        batch.addData("db1", "", piece("a v=1 1\n", 10), 0);
        batch.addData("db1", "", piece("a v=2 2\n", 11), 0);
        batch.addData("db2", "", piece("b v=1 1\n", 12), 0);
        batch.addData("db1", "", piece("a v=3 3\n", 13), 0);
        batch.addNoop(14, 0);

        List<Step> steps = batch.seal();

        assertThat(steps).hasSize(3);
        assertThat(steps).allSatisfy(s -> assertThat(s).isInstanceOf(Step.Write.class));
        assertThat(steps).extracting(s -> ((Step.Write) s).segment().db()).containsExactly("db1", "db2", "db1");
        assertThat(steps).extracting(Step::commitOffset).containsExactly(Step.NO_COMMIT, Step.NO_COMMIT, 15L);
        assertThat(batch.isEmpty()).isTrue();
        assertThat(batch.points()).isZero();
    }

    @Test
    void a_batch_of_only_noop_records_seals_to_a_bare_commit() {
        PartitionBatch batch = new PartitionBatch();
        batch.addNoop(0, 5);
        assertThat(batch.dueAtNanos(100)).isEqualTo(105);
        assertThat(batch.seal()).containsExactly(new Step.Commit(1));
    }

    @Test
    void limits_count_points_and_bytes_and_an_empty_batch_always_takes_a_record() {
        PartitionBatch batch = new PartitionBatch();
        assertThat(batch.wouldOverflow(1_000, 1 << 30, 10, 100)).isFalse();
        batch.addData("db", "", piece("a v=1 1\nb v=1 1\n", 0), 0);
        assertThat(batch.isFull(2, 1000)).isTrue();
        assertThat(batch.isFull(3, 1000)).isFalse();
        assertThat(batch.isFull(3, 16)).isTrue();
        assertThat(batch.wouldOverflow(2, 1, 3, 1000)).isTrue();
        assertThat(batch.wouldOverflow(1, 1, 3, 1000)).isFalse();
    }

    private static Segment.Piece piece(String text, long offset) {
        return Segment.piece(text.getBytes(StandardCharsets.UTF_8), offset);
    }
}
