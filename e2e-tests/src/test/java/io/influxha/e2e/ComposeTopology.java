package io.influxha.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.influxha.e2e.ComposeFile.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a compose file describes, as processes to run on loopback: every service is a broker, the
 * one-shot {@code kafka-features}, an InfluxDB replica, an influx-ha role, Prometheus, or one of
 * the services listed as not run here (with the reason). Container addresses ({@code service:port})
 * are mapped to the loopback address of whatever runs that service; influx-ha processes get them
 * through the {@code ${VAR:-default}} references of their configuration file, Prometheus through
 * its rewritten targets.
 */
final class ComposeTopology {
    enum Kind { BROKER, FEATURES, INFLUXDB, INFLUX_HA, PROMETHEUS, NOT_RUN }

    /** Images a test here does not run, and why. */
    static final Map<String, String> NOT_RUN = Map.of(
            "grafana/grafana:", "no Grafana here: the dashboard's metric names are checked against Prometheus instead",
            "telegraf:", "no Telegraf here: the test writes through every gateway itself");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?}");
    private static final Pattern LISTEN = Pattern.compile("0\\.0\\.0\\.0:(\\d+)");
    private static final Pattern HOST_PORT = Pattern.compile("([a-z0-9][a-z0-9.-]*):(\\d+)");
    private static final YAMLMapper YAML = new YAMLMapper();

    final Map<String, Service> services;
    final Map<String, Kind> kinds = new LinkedHashMap<>();
    /** {@code service:containerPort} to the {@code 127.0.0.1:port} that serves it here. */
    final Map<String, String> addresses = new LinkedHashMap<>();

    ComposeTopology(Map<String, Service> services) {
        this.services = services;
        List<String> unknown = new ArrayList<>();
        services.values().forEach(s -> {
            Kind kind = kind(s);
            if (kind == null) {
                unknown.add(s.name() + " (image " + s.image() + ")");
            } else {
                kinds.put(s.name(), kind);
            }
        });
        if (!unknown.isEmpty()) {
            throw new AssertionError("services ComposeTopology neither runs nor lists as not run: " + unknown);
        }
    }

    private static Kind kind(Service s) {
        if (s.image().startsWith("apache/kafka:")) {
            if (s.environment().getOrDefault("KAFKA_PROCESS_ROLES", "").contains("broker")) {
                return Kind.BROKER;
            }
            return !s.command().isEmpty() && s.command().get(0).endsWith("/kafka-features.sh") ? Kind.FEATURES : null;
        }
        if (s.image().startsWith("influxdb:1.")) {
            return Kind.INFLUXDB;
        }
        if (s.image().startsWith("influx-ha:")) {
            return Kind.INFLUX_HA;
        }
        if (s.image().startsWith("prom/prometheus:")) {
            return Kind.PROMETHEUS;
        }
        return NOT_RUN.keySet().stream().anyMatch(s.image()::startsWith) ? Kind.NOT_RUN : null;
    }

    List<Service> all(Kind kind) {
        return services.values().stream().filter(s -> kinds.get(s.name()) == kind).toList();
    }

    /** The brokers in node id order, as the three-broker fixture numbers its nodes. */
    List<Service> brokers() {
        return all(Kind.BROKER).stream()
                .sorted(Comparator.comparingInt(s -> Integer.parseInt(s.environment().get("KAFKA_NODE_ID")))).toList();
    }

    void map(String service, int containerPort, String loopback) {
        addresses.put(service + ":" + containerPort, loopback);
    }

    /** A broker's advertised {@code PLAINTEXT://host:port}: its host must be its own service name. */
    void mapBroker(Service broker, String loopback) {
        Matcher m = Pattern.compile("PLAINTEXT://([^:,]+):(\\d+)").matcher(broker.environment().getOrDefault("KAFKA_ADVERTISED_LISTENERS", ""));
        if (!m.find() || !m.group(1).equals(broker.name())) {
            throw new AssertionError(broker.name() + " advertises " + broker.environment().get("KAFKA_ADVERTISED_LISTENERS")
                    + ": expected PLAINTEXT://" + broker.name() + ":PORT");
        }
        map(broker.name(), Integer.parseInt(m.group(2)), loopback);
    }

    /** The host file behind the service's {@code -c} argument. */
    static Path configFile(Service s) {
        int i = s.command().indexOf("-c");
        if (i < 0 || i + 1 >= s.command().size()) {
            throw new AssertionError(s.name() + ": command " + s.command() + " names no configuration file (-c)");
        }
        String target = s.command().get(i + 1);
        return s.hostPath(target).orElseThrow(() -> new AssertionError(s.name() + ": " + target + " is not mounted from the host"));
    }

    /** The service's command with its configuration file's container path replaced by the host path. */
    static List<String> arguments(Service s) {
        List<String> args = new ArrayList<>(s.command());
        args.set(args.indexOf("-c") + 1, configFile(s).toString());
        return args;
    }

    /** Every {@code ${NAME:-default}} / {@code ${NAME-default}} of a configuration; one without default is refused. */
    static Map<String, String> references(String configText) {
        Map<String, String> refs = new LinkedHashMap<>();
        Matcher m = REFERENCE.matcher(configText);
        while (m.find()) {
            if (m.group(2) == null) {
                throw new AssertionError("${" + m.group(1) + "} has no default: the compose stack sets no such variable");
            }
            refs.put(m.group(1), m.group(3));
        }
        return refs;
    }

    /**
     * The environment of an influx-ha service here: its compose environment, and every reference of
     * its configuration re-pointed: {@code 0.0.0.0:P} (a listener) to a free loopback port (also
     * mapped as {@code service:P}), a list of {@code service:port} to their loopback addresses, an
     * absolute path to {@code dataDir}. Anything else keeps its value.
     */
    Map<String, String> environment(Service s, IntSupplier freePort, Path dataDir) throws IOException {
        Map<String, String> env = new LinkedHashMap<>(s.environment());
        for (Map.Entry<String, String> ref : references(Files.readString(configFile(s))).entrySet()) {
            String value = s.environment().getOrDefault(ref.getKey(), ref.getValue());
            Matcher listen = LISTEN.matcher(value);
            if (listen.matches()) {
                String loopback = "127.0.0.1:" + freePort.getAsInt();
                map(s.name(), Integer.parseInt(listen.group(1)), loopback);
                env.put(ref.getKey(), loopback);
            } else if (value.startsWith("/")) {
                env.put(ref.getKey(), dataDir.toString());
            } else if (HOST_PORT.matcher(value.split(",")[0]).matches()) {
                env.put(ref.getKey(), mapped(s.name() + " ${" + ref.getKey() + "}", value));
            }
        }
        return env;
    }

    /** {@code host:port[,host:port...]} with every one mapped; one that no service here serves is an error. */
    String mapped(String where, String hostPorts) {
        List<String> out = new ArrayList<>();
        for (String hp : hostPorts.split(",")) {
            String loopback = addresses.get(hp.trim());
            if (loopback == null) {
                throw new AssertionError(where + ": " + hp + " is no address of a service run here (have " + addresses.keySet() + ")");
            }
            out.add(loopback);
        }
        return String.join(",", out);
    }

    /** The Prometheus service's configuration file (its {@code --config.file} through its mount). */
    static Path prometheusConfig(Service s) {
        String arg = s.command().stream().filter(a -> a.startsWith("--config.file=")).findFirst()
                .orElseThrow(() -> new AssertionError(s.name() + ": no --config.file in " + s.command()));
        String target = arg.substring("--config.file=".length());
        return s.hostPath(target).orElseThrow(() -> new AssertionError(s.name() + ": " + target + " is not mounted from the host"));
    }

    /** That configuration with every target mapped, scraping every {@code interval} (a test cannot wait for 15 s). */
    String prometheusConfigHere(Service s, String interval) throws IOException {
        ObjectNode config = (ObjectNode) YAML.readTree(prometheusConfig(s).toFile());
        ObjectNode global = config.has("global") ? (ObjectNode) config.get("global") : config.putObject("global");
        global.put("scrape_interval", interval).put("evaluation_interval", interval);
        for (JsonNode job : config.path("scrape_configs")) {
            for (JsonNode sc : job.path("static_configs")) {
                ArrayNode targets = (ArrayNode) sc.path("targets");
                for (int i = 0; i < targets.size(); i++) {
                    targets.set(i, mapped(s.name() + " job " + job.path("job_name").asText(), targets.get(i).asText()));
                }
            }
        }
        return YAML.writeValueAsString(config);
    }

    /** What the {@code kafka-features.sh} one-shot asks: {@code upgrade --feature NAME=LEVEL} or {@code disable --feature NAME}. */
    record FeatureChange(String feature, short level, boolean downgrade) {}

    static FeatureChange featureChange(Service s) {
        List<String> c = s.command();
        int f = c.indexOf("--feature");
        if (f < 0 || f + 1 >= c.size() || !(c.contains("upgrade") || c.contains("disable"))) {
            throw new AssertionError(s.name() + ": command " + c + " is neither upgrade --feature NAME=LEVEL nor disable --feature NAME");
        }
        String[] nameLevel = c.get(f + 1).split("=", 2);
        return c.contains("disable") ? new FeatureChange(nameLevel[0], (short) 0, true)
                : new FeatureChange(nameLevel[0], Short.parseShort(nameLevel[1]), false);
    }
}
