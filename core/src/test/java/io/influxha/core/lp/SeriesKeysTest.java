package io.influxha.core.lp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SeriesKeysTest {

    private static int hash(String key) {
        byte[] b = key.getBytes(StandardCharsets.UTF_8);
        return SeriesKeys.hash(b, 0, b.length);
    }

    @Test
    void hash_ignores_tag_order() {
        assertThat(hash("cpu,host=a,region=eu,zone=1")).isEqualTo(hash("cpu,zone=1,region=eu,host=a"))
                .isEqualTo(hash("cpu,region=eu,host=a,zone=1"));
    }

    @Test
    void hash_tells_apart_series_that_differ_in_any_part() {
        assertThat(hash("cpu,host=a")).isNotEqualTo(hash("cpu,host=b"))
                .isNotEqualTo(hash("mem,host=a"))
                .isNotEqualTo(hash("cpu,hosT=a"))
                .isNotEqualTo(hash("cpu"));
        assertThat(hash("cpu,a=1,b=2")).isNotEqualTo(hash("cpu,a=2,b=1"));
    }

    @Test
    void hash_treats_escaped_commas_as_part_of_the_name() {
        assertThat(hash("c\\,pu,a=b")).isNotEqualTo(hash("c,pu,a=b"));
        assertThat(hash("cpu,a=b\\,c")).isNotEqualTo(hash("cpu,a=b,c"));
    }

    /** Frozen values: partitions depend on them, so a change here is a breaking change. */
    @ParameterizedTest(name = "hash of {0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "cpu|-1934406437",
            "cpu,host=a,region=eu|-1122863037",
            "cpu,region=eu,host=a|-1122863037",
            "c\\,pu,a\\,b=c\\ d|368444812",
            "温度,城市=東京|-1341158649"})
    void hash_values_never_change(String key, int expected) {
        assertThat(hash(key)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "measurement {0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "cpu|cpu",
            "c\\ p\\,u|c p,u",
            "a\\=b|a=b",
            "a\\\\b|a\\\\b",
            "温度|温度"})
    void measurement_removes_escapes(String written, String expected) {
        byte[] b = written.getBytes(StandardCharsets.UTF_8);
        assertThat(SeriesKeys.measurement(b, 0, b.length)).isEqualTo(expected);
    }

    @Test
    void hash_and_measurement_work_on_a_slice_of_a_larger_buffer() {
        byte[] b = "xx cpu,host=a value=1".getBytes(StandardCharsets.UTF_8);

        assertThat(SeriesKeys.hash(b, 3, 13)).isEqualTo(hash("cpu,host=a"));
        assertThat(SeriesKeys.measurement(b, 3, 6)).isEqualTo("cpu");
    }
}
