package io.influxha.gateway;

import io.influxha.gateway.influxql.InfluxQl;
import io.influxha.gateway.influxql.ParsedStatement;
import java.time.Duration;
import java.util.Map;

/** Records a statement in a catalog as the gateway does once it accepted it: parsed, with its own text. */
final class Recorded {
    private Recorded() {}

    static void record(GatewayCatalog catalog, String statement, Duration timeout) {
        ParsedStatement parsed = InfluxQl.parse(statement, Map.of()).get(0);
        catalog.record(parsed.statement(), parsed.text(), timeout);
    }
}
