package io.influxha.core.config;

import static io.influxha.core.config.Field.optional;
import static io.influxha.core.config.Field.required;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code backends:}. The list it returns may hold entries with null fields when there were
 * problems: cross-checks skip those, and the loader throws before anything else sees them.
 */
final class BackendsSection {
    private static final Duration MILLI = Duration.ofMillis(1);

    private static final Parser<String> NAME = Scalars.name(Sections.BACKEND_NAME, "use only the characters A-Z a-z 0-9 _ -");
    private final Field<URI> url = required("url", Scalars.httpUrl());
    private final Field<Boolean> gzip = optional("gzip", Scalars.bool(), false);
    private final Field<Duration> connectTimeout =
            optional("connect_timeout", Scalars.duration(MILLI), BackendSettings.DEFAULT_CONNECT_TIMEOUT);
    private final Field<Duration> requestTimeout =
            optional("request_timeout", Scalars.duration(MILLI), BackendSettings.DEFAULT_REQUEST_TIMEOUT);
    private final Field<String> username = optional("username", Scalars.string(), "");
    private final Field<Secret> password;

    BackendsSection(Secrets secrets) {
        password = optional("password", secrets.secret(), Secret.NONE);
    }

    Parser<List<BackendSettings>> parser() {
        return node -> {
            if (!node.json().isArray()) {
                return node.invalid("expected a list of backends, got " + node.kind());
            }
            if (node.json().isEmpty()) {
                return node.problem("must list at least one backend");
            }
            List<BackendSettings> backends = new ArrayList<>();
            Map<String, String> seen = new HashMap<>();
            for (int i = 0; i < node.json().size(); i++) {
                backends.add(backend(node.element(i), seen));
            }
            return backends;
        };
    }

    private BackendSettings backend(Node item, Map<String, String> seen) {
        Field<String> name = required("name", NAME.then((n, value) -> {
            String first = seen.putIfAbsent(value, item.path());
            if (first != null) {
                n.invalid(first + " already has this name"); // the name still exists, for cross-checks
            }
            return value;
        }));
        Values v = Section.read(item, List.of(name, url, gzip, connectTimeout, requestTimeout, username, password));
        if (v.valid(username, password) && v.get(username).isEmpty() && !v.get(password).isEmpty()) {
            item.field(password.key()).problem("is set but " + item.path() + ".username is empty");
        }
        return new BackendSettings(v.get(name), v.get(url), v.get(gzip), v.get(connectTimeout),
                v.get(requestTimeout), v.get(username), v.get(password));
    }
}
