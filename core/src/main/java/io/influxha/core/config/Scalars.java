package io.influxha.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Parsers for the value types of the configuration. Each reports in Kafka's ConfigException wording. */
final class Scalars {
    private Scalars() {}

    static Parser<String> string() {
        return node -> node.json().isTextual() ? node.json().textValue() : node.invalid("expected a string");
    }

    /** A string matching {@code pattern}; {@code rule} says in words what is allowed. */
    static Parser<String> name(Pattern pattern, String rule) {
        return node -> {
            String text = string().parse(node);
            if (text == null) {
                return null;
            }
            return pattern.matcher(text).matches() ? text : node.invalid(rule);
        };
    }

    static Parser<Integer> integer(int min, int max) {
        return node -> {
            if (!node.json().isIntegralNumber() || !node.json().canConvertToInt()) {
                return node.invalid("expected an integer");
            }
            int value = node.json().intValue();
            if (value < min) {
                return node.invalid("must be at least " + min);
            }
            return value > max ? node.invalid("must be at most " + max) : value;
        };
    }

    static Parser<Boolean> bool() {
        return node -> node.json().isBoolean() ? node.json().booleanValue() : node.invalid("expected true or false");
    }

    static Parser<Duration> duration(Duration min) {
        return withUnit(Durations.NEEDS_UNIT, Durations::parse, d -> d.compareTo(min) < 0
                ? "must be at least " + Durations.format(min) : null);
    }

    static Parser<DataSize> size(long minBytes) {
        return withUnit(DataSize.NEEDS_UNIT, DataSize::parse, s -> s.bytes() < minBytes
                ? "must be at least " + DataSize.ofBytes(minBytes).format() : null);
    }

    /** A string read by {@code read}; a bare number is refused with {@code needsUnit}. */
    private static <T> Parser<T> withUnit(String needsUnit, Function<String, T> read, Function<T, String> check) {
        return node -> {
            if (node.json().isNumber()) {
                return node.invalid(needsUnit);
            }
            String text = string().parse(node);
            if (text == null) {
                return null;
            }
            try {
                T value = read.apply(text);
                String problem = check.apply(value);
                return problem == null ? value : node.invalid(problem);
            } catch (IllegalArgumentException e) {
                return node.invalid(e.getMessage());
            }
        };
    }

    static Parser<HostPort> hostPort() {
        return node -> {
            if (node.json().isNumber()) {
                return node.invalid("expected host:port, e.g. \"127.0.0.1:8086\"");
            }
            String text = string().parse(node);
            try {
                return text == null ? null : HostPort.parse(text);
            } catch (IllegalArgumentException e) {
                return node.invalid(e.getMessage());
            }
        };
    }

    /** An http or https base URL with a host; no credentials (they would reach logs), query or fragment. */
    static Parser<URI> httpUrl() {
        return node -> {
            String text = string().parse(node);
            if (text == null) {
                return null;
            }
            try {
                URI uri = new URI(text);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                    return node.invalid("expected an http:// or https:// URL");
                }
                if (uri.getRawUserInfo() != null) {
                    return node.problem("credentials in a URL would be printed in logs: "
                            + "use username and password instead (value hidden)");
                }
                if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                    return node.invalid("a backend URL takes no query or fragment");
                }
                String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
                return new URI(scheme + "://" + uri.getRawAuthority() + path);
            } catch (URISyntaxException e) {
                return node.invalid("expected an http:// or https:// URL (" + e.getReason() + " at index " + e.getIndex() + ")");
            }
        };
    }

    /** A non-empty list; each element is read with its own {@code [i]} path. */
    static <T> Parser<List<T>> list(Parser<T> element) {
        return node -> {
            if (!node.json().isArray()) {
                return node.invalid("expected a list, got " + node.kind());
            }
            if (node.json().isEmpty()) {
                return node.problem("must not be empty");
            }
            List<T> values = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < node.json().size(); i++) {
                Node item = node.element(i);
                T value = item.unresolved() ? null : item.absent() ? item.problem("must not be empty") : element.parse(item);
                ok &= value != null;
                values.add(value);
            }
            return ok ? List.copyOf(values) : null;
        };
    }
}
