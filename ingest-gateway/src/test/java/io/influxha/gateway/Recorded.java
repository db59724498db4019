package io.influxha.gateway;

import io.influxha.gateway.influxql.InfluxQl;
import io.influxha.gateway.influxql.ParsedStatement;
import java.time.Duration;
import java.util.Map;

/** Records a statement in a catalog as the gateway does once it accepted it (parsed, with its own text), without the statement's copies. */
final class Recorded {
    private Recorded() {}

    static void record(KafkaGatewayCatalog catalog, String statement, Duration timeout) {
        ParsedStatement parsed = InfluxQl.parse(statement, Map.of()).get(0);
        catalog.record(parsed.statement(), parsed.text(), entries -> catalog.publishCatalogOnly(entries, timeout));
    }
}
