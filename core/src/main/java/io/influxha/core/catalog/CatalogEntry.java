package io.influxha.core.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One record of the compacted catalog topic. The key names the object, so compaction keeps only
 * its latest state; the value (JSON) carries the names again, so keys are never parsed.
 * <ul>
 *   <li>{@code db/<db>}: {@code {"type":"database","db":..,"create":"CREATE DATABASE ..","created_rp":..,"default_rp":..}}
 *       ({@code created_rp}: the policy the CREATE makes, autogen or its {@code NAME}; {@code default_rp}:
 *       the current default, kept when that policy is dropped, as 1.x keeps it)
 *       or, after DROP DATABASE, {@code {"type":"database","db":..,"dropped":true}}: a dropped
 *       database stays known as dropped, so nothing recreates it from a backend's memory;</li>
 *   <li>{@code rp/<db>/<rp>}: {@code {"type":"rp","db":..,"rp":..,"incarnation":..,"policy_incarnation":..,
 *       "statements":["CREATE ..","ALTER .."]}} or dropped ({@code incarnation}: the database's;
 *       {@code policy_incarnation}: the policy's own, new at each CREATE);</li>
 *   <li>{@code applied/<backend>/<ddl_id>}: {@code {"type":"applied","backend":..,"ddl_id":..,"result":..}},
 *       written once a backend applied a barrier statement (docs/ddl-through-the-log.md).</li>
 * </ul>
 */
public record CatalogEntry(String key, Kind kind, String db, String rp, String backend, String ddlId,
        boolean dropped, List<String> statements, String defaultRp, String result, String incarnation, String createdRp,
        String policyIncarnation) {
    /** At most this many statements are kept per retention policy: the CREATE and the latest ALTERs. */
    public static final int MAX_RP_STATEMENTS = 32;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME_CLAUSE = Pattern.compile("\\bNAME\\b", Pattern.CASE_INSENSITIVE);

    public enum Kind { DATABASE, RETENTION_POLICY, APPLIED, GATEWAY }

    public CatalogEntry {
        statements = List.copyOf(statements);
    }

    /**
     * A database created now: a new incarnation, to which its retention policy entries belong.
     * {@code defaultRp} is the policy its CREATE makes (autogen, or the {@code NAME} of its
     * {@code WITH} clause), which is then also its default.
     */
    public static CatalogEntry database(String db, String createStatement, String defaultRp) {
        return database(db, createStatement, defaultRp, java.util.UUID.randomUUID().toString());
    }

    public static CatalogEntry database(String db, String createStatement, String defaultRp, String incarnation) {
        return new CatalogEntry("db/" + db, Kind.DATABASE, db, "", "", "", false, List.of(createStatement), nullToEmpty(defaultRp), "",
                incarnation, nullToEmpty(defaultRp), "");
    }

    /** This database with another default retention policy; the policy its CREATE makes stays. */
    public CatalogEntry withDefaultRp(String rp) {
        return new CatalogEntry(key, kind, db, "", "", "", false, statements, nullToEmpty(rp), "", incarnation, createdRp, "");
    }

    public static CatalogEntry droppedDatabase(String db) {
        return droppedDatabase(db, "");
    }

    /** The database dropped; {@code incarnation} is the one the DROP ended ("" when unknown: records of earlier versions). */
    public static CatalogEntry droppedDatabase(String db, String incarnation) {
        return new CatalogEntry("db/" + db, Kind.DATABASE, db, "", "", "", true, List.of(), "", "", nullToEmpty(incarnation), "", "");
    }

    /**
     * A retention policy's statements: its CREATE (after a DROP when it replaces a policy dropped
     * from this incarnation, such as autogen), then its ALTERs; past {@link #MAX_RP_STATEMENTS}
     * the oldest ALTERs are dropped, never the statements up to the CREATE.
     */
    public static CatalogEntry retentionPolicy(String db, String rp, List<String> statements, String incarnation) {
        return retentionPolicy(db, rp, statements, incarnation, "");
    }

    /**
     * As {@link #retentionPolicy(String, String, List, String)}, naming the policy's own
     * incarnation {@code policyIncarnation}: made new by the CREATE RETENTION POLICY that created
     * it, kept by ALTERs ("" on entries of earlier versions). Records name it ({@code rp_inc}) so a
     * write accepted for a policy dropped and created again since never lands in the new one.
     */
    public static CatalogEntry retentionPolicy(String db, String rp, List<String> statements, String incarnation, String policyIncarnation) {
        List<String> kept = statements;
        if (statements.size() > MAX_RP_STATEMENTS) {
            int head = 1;
            for (int i = 0; i < statements.size(); i++) {
                if (DdlKinds.firstWord(statements.get(i)).equalsIgnoreCase("CREATE")) {
                    head = i + 1;
                    break;
                }
            }
            kept = new ArrayList<>(statements.subList(0, head));
            kept.addAll(statements.subList(Math.max(head, statements.size() - (MAX_RP_STATEMENTS - head)), statements.size()));
        }
        return new CatalogEntry("rp/" + db + "/" + rp, Kind.RETENTION_POLICY, db, rp, "", "", false, kept, "", "", incarnation, "",
                nullToEmpty(policyIncarnation));
    }

    /** A policy dropped from the database's incarnation {@code incarnation} (e.g. autogen, which CREATE DATABASE makes). */
    public static CatalogEntry droppedRetentionPolicy(String db, String rp, String incarnation) {
        return droppedRetentionPolicy(db, rp, incarnation, "");
    }

    /** As {@link #droppedRetentionPolicy(String, String, String)}; {@code policyIncarnation} is the policy incarnation the DROP ended. */
    public static CatalogEntry droppedRetentionPolicy(String db, String rp, String incarnation, String policyIncarnation) {
        return new CatalogEntry("rp/" + db + "/" + rp, Kind.RETENTION_POLICY, db, rp, "", "", true, List.of(), "", "", incarnation, "",
                nullToEmpty(policyIncarnation));
    }

    /** {@code result} is "ok", or why the backend refused the statement for good (it was dead-lettered). */
    public static CatalogEntry applied(String backend, String ddlId, String result) {
        return new CatalogEntry("applied/" + backend + "/" + ddlId, Kind.APPLIED, "", "", backend, ddlId, false, List.of(), "", result, "", "", "");
    }

    /**
     * The last DDL statement gateway instance {@code instance} committed ({@code ddl_id}), written
     * in the same transaction as the statement: every gateway that reads it knows the statement's
     * copies precede, in every ingest partition, those of any statement it publishes afterwards.
     */
    public static CatalogEntry gatewayLast(String instance, String ddlId) {
        return new CatalogEntry("gateway/" + instance, Kind.GATEWAY, "", "", instance, ddlId, false, List.of(), "", "", "", "", "");
    }

    /** The database's CREATE statement; empty when dropped. */
    public String createStatement() {
        return statements.isEmpty() ? "" : statements.get(0);
    }

    public byte[] keyBytes() {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    public byte[] valueBytes() {
        ObjectNode o = JSON.createObjectNode();
        switch (kind) {
            case DATABASE -> {
                o.put("type", "database").put("db", db).put("incarnation", incarnation);
                if (dropped) {
                    o.put("dropped", true);
                } else {
                    o.put("create", createStatement()).put("created_rp", createdRp).put("default_rp", defaultRp);
                }
            }
            case RETENTION_POLICY -> {
                o.put("type", "rp").put("db", db).put("rp", rp).put("incarnation", incarnation);
                if (!policyIncarnation.isEmpty()) {
                    o.put("policy_incarnation", policyIncarnation);
                }
                if (dropped) {
                    o.put("dropped", true);
                } else {
                    ArrayNode a = o.putArray("statements");
                    statements.forEach(a::add);
                }
            }
            case APPLIED -> o.put("type", "applied").put("backend", backend).put("ddl_id", ddlId).put("result", result);
            case GATEWAY -> o.put("type", "gateway").put("instance", backend).put("last_ddl_id", ddlId);
        }
        try {
            return JSON.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads one catalog record.
     *
     * @throws IllegalArgumentException naming the key and what is wrong, for a value this version cannot read
     */
    public static CatalogEntry parse(String key, byte[] value) {
        JsonNode o;
        try {
            o = JSON.readTree(value);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("catalog record " + key + ": not JSON: " + e.getMessage(), e);
        }
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("catalog record " + key + ": value is not a JSON object");
        }
        String type = o.path("type").asText("");
        boolean dropped = o.path("dropped").asBoolean(false);
        return switch (type) {
            case "database" -> dropped ? droppedDatabase(text(key, o, "db"), o.path("incarnation").asText("")) : liveDatabase(key, o);
            case "rp" -> dropped ? droppedRetentionPolicy(text(key, o, "db"), text(key, o, "rp"), o.path("incarnation").asText(""),
                    o.path("policy_incarnation").asText(""))
                    : retentionPolicy(text(key, o, "db"), text(key, o, "rp"), statements(key, o), o.path("incarnation").asText(""),
                            o.path("policy_incarnation").asText(""));
            case "applied" -> applied(text(key, o, "backend"), text(key, o, "ddl_id"), o.path("result").asText(""));
            case "gateway" -> gatewayLast(text(key, o, "instance"), text(key, o, "last_ddl_id"));
            default -> throw new IllegalArgumentException("catalog record " + key + ": unknown type \"" + type + "\"");
        };
    }

    private static CatalogEntry liveDatabase(String key, JsonNode o) {
        String create = text(key, o, "create");
        String defaultRp = o.path("default_rp").asText("");
        String created = o.has("created_rp") ? o.path("created_rp").asText("") : createdBefore(create, defaultRp);
        return database(text(key, o, "db"), create, created, o.path("incarnation").asText("")).withDefaultRp(defaultRp);
    }

    /**
     * The policy a CREATE recorded before {@code created_rp} existed made: autogen when the
     * statement has no {@code NAME} clause; with one, the recorded default, which was that name
     * until an {@code ALTER ... DEFAULT} (the best this version can tell without parsing InfluxQL).
     */
    private static String createdBefore(String create, String defaultRp) {
        return NAME_CLAUSE.matcher(create).find() ? defaultRp : "autogen";
    }

    private static String text(String key, JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException("catalog record " + key + ": field \"" + field + "\" missing or not a string");
        }
        return n.asText();
    }

    /** A live policy's statements: an array of strings, so a damaged record is never read as "nothing to recreate". */
    private static List<String> statements(String key, JsonNode o) {
        JsonNode a = o.get("statements");
        if (a == null || !a.isArray()) {
            throw new IllegalArgumentException("catalog record " + key + ": field \"statements\" missing or not an array");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : a) {
            if (!n.isTextual()) {
                throw new IllegalArgumentException("catalog record " + key + ": field \"statements\" holds a non-string: " + n);
            }
            out.add(n.asText());
        }
        return out;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
