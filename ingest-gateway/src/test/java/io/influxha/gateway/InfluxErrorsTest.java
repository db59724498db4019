package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InfluxErrorsTest {
    @Test
    void json_strings_are_escaped_like_go_encoding_json() {
        assertThat(InfluxErrors.jsonString("a\"b\\c\nd\te<f>&g\u0001"))
                .isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u003cf\\u003e\\u0026g\\u0001\"");
    }

    @Test
    void go_quote_escapes_quotes_and_controls() {
        assertThat(InfluxErrors.goQuote("x\"y\u0001")).isEqualTo("\"x\\\"y\\x01\"");
    }
}
