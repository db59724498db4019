package io.influxha.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.writer.BackendResponse.Decision;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per branch of the classifier; bodies are InfluxDB 1.6/1.8's own answers. */
class BackendResponseTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                row("a 204 to a write is success", 204, "", null, Decision.SUCCESS),
                row("a 200 query result without error is success", 200, "{\"results\":[{\"statement_id\":0}]}", null, Decision.SUCCESS),
                row("connection refused is retried", 0, "", new CompletionException(new ConnectException("Connection refused")), Decision.RETRY),
                row("a request timeout is retried", 0, "", new HttpTimeoutException("request timed out"), Decision.RETRY),
                row("a connect timeout is retried", 0, "", new HttpConnectTimeoutException("HTTP connect timed out"), Decision.RETRY),
                row("a reset connection is retried", 0, "", new IOException("Connection reset"), Decision.RETRY),
                row("a 500 is retried", 500, "{\"error\":\"timeout\"}", null, Decision.RETRY),
                row("a 503 from a proxy with a plain body is retried", 503, "Service Unavailable", null, Decision.RETRY),
                row("a 429 is retried", 429, "", null, Decision.RETRY),
                row("a 408 is retried", 408, "", null, Decision.RETRY),
                row("a full cache is retried even though it reads like an engine error", 500,
                        "{\"error\":\"engine: cache-max-memory-size exceeded: (1073741824/1073741824)\"}", null, Decision.RETRY),
                row("a missing database asks for CREATE DATABASE", 404, "{\"error\":\"database not found: \\\"telegraf\\\"\"}", null, Decision.CREATE_DATABASE),
                row("a missing database inside a 200 query result asks for CREATE DATABASE", 200,
                        "{\"results\":[{\"statement_id\":0,\"error\":\"database not found: db1\"}]}", null, Decision.CREATE_DATABASE),
                row("a missing retention policy (a 500 in 1.x) waits for its DDL", 500,
                        "{\"error\":\"retention policy not found: weekly\"}", null, Decision.WAIT_FOR_RETENTION_POLICY),
                row("a field type conflict is rejected", 400,
                        "{\"error\":\"partial write: field type conflict: input field \\\"value\\\" on measurement \\\"cpu\\\" is type integer, already exists as type float dropped=1\"}",
                        null, Decision.REJECT),
                row("an unparsable line is rejected", 400, "{\"error\":\"unable to parse 'cpu value=': missing field value\"}", null, Decision.REJECT),
                row("points beyond the retention policy are rejected", 400,
                        "{\"error\":\"partial write: points beyond retention policy dropped=2\"}", null, Decision.REJECT),
                row("any other partial write is rejected", 400,
                        "{\"error\":\"partial write: some future reason dropped=1\"}", null, Decision.REJECT),
                row("max-values-per-tag (a partial write in 1.x) is a configuration error, never dead-lettered", 400,
                        "{\"error\":\"partial write: max-values-per-tag limit exceeded (100000/100000): measurement=\\\"cpu\\\" tag=\\\"host\\\" value=\\\"h9\\\" dropped=1\"}",
                        null, Decision.MISCONFIGURED),
                row("max-series-per-database (a partial write in 1.x) is a configuration error, never dead-lettered", 400,
                        "{\"error\":\"partial write: max-series-per-database limit exceeded: (1000000) dropped=1\"}", null, Decision.MISCONFIGURED),
                row("another 400 is rejected", 400, "{\"error\":\"something new\"}", null, Decision.REJECT),
                row("a body over max-body-size is rejected so the batch gets halved", 413, "{\"error\":\"Request Entity Too Large\"}", null, Decision.REJECT),
                row("a query error in a 200 that matches nothing is rejected", 200,
                        "{\"results\":[{\"statement_id\":0,\"error\":\"retention policy conflicts with an existing policy\"}]}", null, Decision.REJECT),
                row("401 is a configuration error", 401, "{\"error\":\"authorization failed\"}", null, Decision.MISCONFIGURED),
                row("403 is a configuration error", 403, "{\"error\":\"\\\"bob\\\" user is not authorized to write to database \\\"db\\\"\"}", null, Decision.MISCONFIGURED),
                row("a 404 without database not found is a wrong URL", 404, "404 page not found", null, Decision.MISCONFIGURED),
                row("a redirect is a configuration error", 301, "", null, Decision.MISCONFIGURED));
    }

    private static Arguments row(String name, int status, String body, Throwable error, Decision expected) {
        return Arguments.of(name, status, body, error, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void classifies(String name, int status, String body, Throwable error, Decision expected) {
        BackendResponse.Outcome outcome = BackendResponse.classify(status, body, error);
        assertThat(outcome.decision()).isEqualTo(expected);
        assertThat(outcome.reason()).isNotBlank();
    }

    @org.junit.jupiter.api.Test
    void a_refused_connection_is_named_as_such_however_deeply_the_jdk_wrapped_it() {
        Throwable wrapped = new CompletionException(new ConnectException("Connection refused")
                .initCause(new java.nio.channels.ClosedChannelException()));
        assertThat(BackendResponse.classify(0, "", wrapped).reason()).startsWith("connection refused");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void the_reason_carries_the_backends_own_error_text(String name, int status, String body, Throwable error, Decision expected) {
        String text = BackendResponse.errorText(body);
        if (error == null && !text.isEmpty()) {
            assertThat(BackendResponse.classify(status, body, null).reason()).contains(text);
        } else {
            assertThat(BackendResponse.classify(status, body, error).reason()).isNotNull();
        }
    }

    /** influxd is written in Go, whose JSON encoder escapes {@code < > &} as {@code \u003c} and so on. */
    @org.junit.jupiter.api.Test
    void the_error_text_is_read_as_json_with_every_escape_undone() {
        assertThat(BackendResponse.errorText("{\"error\":\"unable to parse 'm v=\\u003cx\\u003e': bad\\tfield\\n\"}\n"))
                .isEqualTo("unable to parse 'm v=<x>': bad\tfield\n");
        assertThat(BackendResponse.errorText("{\"results\":[{\"statement_id\":0,\"error\":\"database not found: \\\"x\\\"\"}]}"))
                .as("a statement's error inside results").isEqualTo("database not found: \"x\"");
        assertThat(BackendResponse.errorText("{\"code\":\"x\"}")).isEmpty();
        assertThat(BackendResponse.errorText("<html>Bad Gateway</html>")).isEqualTo("<html>Bad Gateway</html>");
    }
}
