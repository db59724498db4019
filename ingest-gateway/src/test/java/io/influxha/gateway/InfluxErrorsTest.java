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

    @Test
    void error_header_turns_every_control_character_into_a_space_and_keeps_tabs_and_text() {
        assertThat(InfluxErrors.headerSafe("bad 'a\u0000b\u001b\nc\rd\u007f'\tx\u00e9")).isEqualTo("bad 'a b  c d '\tx\u00e9");
        String clean = "unable to parse 'x': missing fields";
        assertThat(InfluxErrors.headerSafe(clean)).isSameAs(clean);
    }
}
