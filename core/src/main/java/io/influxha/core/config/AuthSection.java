package io.influxha.core.config;

import static io.influxha.core.config.Field.optional;
import static io.influxha.core.config.Field.required;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code gateway.auth}: whether auth is on, its users with their passwords and permissions, and who may read /metrics. */
final class AuthSection {
    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-fA-F]{64}");
    /** Modular crypt format: $2a$, $2b$ or $2y$, a two-digit cost, 22 characters of salt and 31 of hash. */
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");
    private static final Field<Boolean> ENABLED = optional("enabled", Scalars.bool(), false);
    private static final Field<String> NAME = required("name", Scalars.string().then((n, name) ->
            name.isEmpty() ? n.invalid("must not be empty") : name));
    private static final Field<Boolean> ADMIN = optional("admin", Scalars.bool(), false);
    private static final Field<AuthSettings.MetricsAccess> METRICS = optional("metrics", AuthSection::metricsAccess,
            AuthSettings.MetricsAccess.OPEN);
    private static final Parser<String> DATABASE = Scalars.string().then((n, db) -> db.isEmpty() ? n.invalid("must not be empty") : db);
    private static final Field<List<String>> WRITE = optional("write", Scalars.list(DATABASE), List.of());
    private static final Field<List<String>> READ = optional("read", Scalars.list(DATABASE), List.of());

    private final Field<List<AuthUser>> users;
    private final Field<Secret> password;
    private final Field<Secret> passwordHash;

    AuthSection(Secrets secrets) {
        password = optional("password", secrets.secret().then((n, s) -> s.isEmpty() ? n.problem("must not be empty") : s), Secret.NONE);
        passwordHash = optional("password_hash", secrets.secret().then(AuthSection::checkHash), Secret.NONE);
        users = optional("users", Scalars.list(user()), List.of());
    }

    Parser<AuthSettings> parser() {
        return node -> {
            Values v = Section.read(node, List.of(ENABLED, users, METRICS));
            if (v.valid(ENABLED, users) && v.get(ENABLED) && v.get(users).isEmpty() && !v.present(users)) {
                node.field(users.key()).problem("missing: gateway.auth.enabled is true, so at least one user is needed");
            }
            if (v.valid(users)) {
                checkUniqueNames(node.field(users.key()), v.get(users));
            }
            return new AuthSettings(v.get(ENABLED), v.get(users), v.get(METRICS));
        };
    }

    private Parser<AuthUser> user() {
        return node -> {
            Values v = Section.read(node, List.of(NAME, password, passwordHash, ADMIN, WRITE, READ));
            boolean hasPassword = v.present(password) || given(node.field(password.key()));
            boolean hasHash = v.present(passwordHash) || given(node.field(passwordHash.key()));
            if (hasPassword == hasHash) {
                node.problem("give exactly one of password and password_hash" + (hasPassword ? ", not both" : ""));
            }
            return new AuthUser(v.get(NAME), v.get(password), v.get(passwordHash), v.get(ADMIN), v.get(WRITE), v.get(READ));
        };
    }

    /** Written in the file: a value, or a reference that could not be resolved (already reported). */
    private static boolean given(Node field) {
        return !field.absent() || field.unresolved();
    }

    private static AuthSettings.MetricsAccess metricsAccess(Node node) {
        String s = Scalars.string().parse(node);
        if (s == null) {
            return null;
        }
        return switch (s) {
            case "open" -> AuthSettings.MetricsAccess.OPEN;
            case "authenticated" -> AuthSettings.MetricsAccess.AUTHENTICATED;
            default -> node.invalid("expected open or authenticated");
        };
    }

    /** Never shows the value: a hash that leaks is as good as a weak password. */
    private static Secret checkHash(Node node, Secret hash) {
        if (SHA256.matcher(hash.value()).matches() || BCRYPT.matcher(hash.value()).matches()) {
            return hash;
        }
        return node.problem("expected \"sha256:<64 hex digits>\" (printf %s \"$PASSWORD\" | sha256sum) "
                + "or a bcrypt hash \"$2a$10$...\" (htpasswd -nbB user \"$PASSWORD\") (value hidden)");
    }

    private static void checkUniqueNames(Node list, List<AuthUser> users) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < users.size(); i++) {
            String name = users.get(i).name();
            if (name != null && !seen.add(name)) {
                list.element(i).field("name").invalid("another user has this name");
            }
        }
    }
}
