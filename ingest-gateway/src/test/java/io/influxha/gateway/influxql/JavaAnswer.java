package io.influxha.gateway.influxql;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's parser's answer to one case, in influxql-ref's JSON shape: status, error, or per
 * statement its type, String(), default database, measurements (influxql's Walk order) and
 * required privileges. Comparing the two shapes compares the whole AST through String().
 */
final class JavaAnswer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JavaAnswer() {}

    /** @throws InfluxQl.UnboundException when the gateway cannot forward the bound query */
    static ObjectNode of(String q, String params) {
        ObjectNode out = JSON.createObjectNode();
        List<ParsedStatement> parsed;
        try {
            parsed = InfluxQl.parseRequest(q, params);
        } catch (InfluxQl.RequestException e) {
            return out.put("status", 400).put("error", e.getMessage());
        }
        out.put("status", 200);
        ArrayNode statements = out.putArray("statements");
        for (ParsedStatement p : parsed) {
            statements.add(statement(p.statement()));
        }
        return out;
    }

    private static ObjectNode statement(Statement s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", s.getClass().getSimpleName());
        o.put("string", StatementPrinter.print(s));
        o.put("default_database", s.defaultDatabase());
        ArrayNode ms = o.putArray("measurements");
        for (Source.Measurement m : measurements(s)) {
            ms.addObject().put("db", m.database()).put("rp", m.retentionPolicy()).put("name", m.name())
                    .put("regex", m.regex() == null ? "" : m.regex().pattern()).put("target", m.isTarget());
        }
        ArrayNode privileges = o.putArray("privileges");
        for (Privileges.Required r : Privileges.of(s)) {
            privileges.addObject().put("admin", r.admin()).put("name", r.name()).put("privilege", r.privilege().toString());
        }
        return o;
    }

    /** influxql.WalkFunc order: a SELECT's INTO target, then its sources depth first; SHOW MEASUREMENTS' WITH source. */
    static List<Source.Measurement> measurements(Statement s) {
        List<Source.Measurement> out = new ArrayList<>();
        if (s instanceof SelectStatement x) {
            select(x, out);
        } else if (s instanceof Statement.ExplainStatement x) {
            select(x.statement(), out);
        } else if (s instanceof Statement.CreateContinuousQueryStatement x) {
            select(x.source(), out);
        } else if (s instanceof Statement.ShowMeasurementsStatement x) {
            if (x.source() instanceof Source.Measurement m) {
                out.add(m);
            }
        } else {
            sources(s.sources(), out);
        }
        return out;
    }

    private static void select(SelectStatement s, List<Source.Measurement> out) {
        if (s.target() != null) {
            out.add(s.target().measurement());
        }
        sources(s.sources(), out);
    }

    private static void sources(List<Source> sources, List<Source.Measurement> out) {
        if (sources == null) {
            return;
        }
        for (Source src : sources) {
            if (src instanceof Source.Measurement m) {
                out.add(m);
            } else if (src instanceof Source.SubQuery q) {
                select(q.statement(), out);
            }
        }
    }
}
