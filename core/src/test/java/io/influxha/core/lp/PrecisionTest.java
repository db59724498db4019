package io.influxha.core.lp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrecisionTest {

    @ParameterizedTest(name = "/write precision ''{0}'' is {1}")
    @CsvSource({"'',NANOSECONDS", "n,NANOSECONDS", "ns,NANOSECONDS", "u,MICROSECONDS", "ms,MILLISECONDS",
            "s,SECONDS", "m,MINUTES", "h,HOURS"})
    void write_endpoint_accepts_the_1_8_precision_names(String param, Precision expected) {
        assertThat(Precision.fromWriteParam(param)).contains(expected);
    }

    @ParameterizedTest(name = "/write rejects ''{0}''")
    @ValueSource(strings = {"us", "mu", "sec", "S", "H", "1", " ns"})
    void write_endpoint_rejects_other_names(String param) {
        assertThat(Precision.fromWriteParam(param)).isEmpty();
    }

    @ParameterizedTest(name = "/api/v2/write precision ''{0}'' is {1}")
    @CsvSource({"'',NANOSECONDS", "ns,NANOSECONDS", "us,MICROSECONDS", "ms,MILLISECONDS", "s,SECONDS"})
    void v2_endpoint_accepts_its_precision_names(String param, Precision expected) {
        assertThat(Precision.fromV2Param(param)).contains(expected);
    }

    @ParameterizedTest(name = "/api/v2/write rejects ''{0}''")
    @ValueSource(strings = {"n", "u", "m", "h", "NS"})
    void v2_endpoint_rejects_v1_only_names(String param) {
        assertThat(Precision.fromV2Param(param)).isEmpty();
    }

    @Test
    void converts_each_unit_to_nanoseconds() {
        assertThat(Precision.NANOSECONDS.toNanos(7)).isEqualTo(7);
        assertThat(Precision.MICROSECONDS.toNanos(7)).isEqualTo(7_000);
        assertThat(Precision.MILLISECONDS.toNanos(7)).isEqualTo(7_000_000);
        assertThat(Precision.SECONDS.toNanos(-7)).isEqualTo(-7_000_000_000L);
        assertThat(Precision.MINUTES.toNanos(1)).isEqualTo(60_000_000_000L);
        assertThat(Precision.HOURS.toNanos(1)).isEqualTo(3_600_000_000_000L);
    }

    @Test
    void conversion_that_overflows_int64_throws() {
        assertThat(Precision.SECONDS.toNanos(9_223_372_036L)).isEqualTo(9_223_372_036_000_000_000L);
        assertThatThrownBy(() -> Precision.SECONDS.toNanos(9_223_372_037L)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Precision.HOURS.toNanos(-2_562_048L)).isInstanceOf(ArithmeticException.class);
        assertThat(Precision.NANOSECONDS.toNanos(Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void truncate_floors_to_the_unit_also_before_1970() {
        assertThat(Precision.SECONDS.truncate(1_999_999_999L)).isEqualTo(1_000_000_000L);
        assertThat(Precision.MILLISECONDS.truncate(-1L)).isEqualTo(-1_000_000L);
        assertThat(Precision.HOURS.truncate(3_600_000_000_001L)).isEqualTo(3_600_000_000_000L);
        assertThat(Precision.NANOSECONDS.truncate(123L)).isEqualTo(123L);
    }
}
