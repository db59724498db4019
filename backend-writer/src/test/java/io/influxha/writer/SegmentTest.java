package io.influxha.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentTest {

    @Test
    void counts_non_blank_lines_with_or_without_a_final_newline() {
        assertThat(count("a v=1 1\nb v=2 2\n")).isEqualTo(2);
        assertThat(count("a v=1 1\nb v=2 2")).isEqualTo(2);
        assertThat(count("\n\n  \n")).isZero();
        assertThat(count("")).isZero();
    }

    @Test
    void a_newline_inside_a_quoted_string_field_does_not_end_the_point_as_in_influxdb() {
        String text = "log,host=a msg=\"line one\nline two\" 1\nlog,host=\\\"b msg=\"x\\\"\ny\" 2\ncpu v=1 3\n";
        assertThat(count(text)).isEqualTo(3);
        Segment s = new Segment("db", "", List.of(piece(text, 0)));
        List<Segment> halves = s.halves();
        assertThat(halves.get(0).points() + halves.get(1).points()).isEqualTo(3);
        assertThat(text(halves.get(0))).startsWith("log,host=a msg=\"line one\nline two\" 1\n");
        assertThat(text(halves.get(0)) + text(halves.get(1))).isEqualTo(text);
    }

    @Test
    void body_concatenates_records_and_terminates_every_line() {
        Segment s = new Segment("db", "", List.of(piece("a v=1 1\n", 7), piece("b v=2 2", 8)));
        assertThat(new String(s.body(), StandardCharsets.UTF_8)).isEqualTo("a v=1 1\nb v=2 2\n");
        assertThat(s.points()).isEqualTo(2);
    }

    @Test
    void halves_split_records_first_then_lines_keeping_order_and_source_offsets() {
        Segment s = new Segment("db", "rp", List.of(piece("a v=1 1\nb v=2 2\nc v=3 3\n", 5)));
        List<Segment> halves = s.halves();
        assertThat(halves).hasSize(2);
        assertThat(text(halves.get(0)) + text(halves.get(1))).isEqualTo("a v=1 1\nb v=2 2\nc v=3 3\n");
        assertThat(halves.get(0).points() + halves.get(1).points()).isEqualTo(3);
        assertThat(halves.get(0).points()).isEqualTo(1);
        assertThat(halves.get(1).pieces()).allSatisfy(p -> assertThat(p.offset()).isEqualTo(5));
        assertThat(halves.get(1).db()).isEqualTo("db");
        assertThat(halves.get(1).rp()).isEqualTo("rp");

        Segment two = new Segment("db", "", List.of(piece("a v=1 1\n", 1), piece("b v=2 2\nc v=3 3\n", 2)));
        assertThat(two.halves().get(0).pieces()).extracting(Segment.Piece::offset).containsExactly(1L);
        assertThat(two.halves().get(1).pieces()).extracting(Segment.Piece::offset).containsExactly(2L);
    }

    private static Segment.Piece piece(String text, long offset) {
        return Segment.piece(text.getBytes(StandardCharsets.UTF_8), offset);
    }

    private static int count(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return Segment.countLines(b, 0, b.length);
    }

    private static String text(Segment s) {
        return new String(s.body(), StandardCharsets.UTF_8);
    }
}
