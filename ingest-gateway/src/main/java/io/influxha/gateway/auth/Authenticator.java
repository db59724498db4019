package io.influxha.gateway.auth;

import io.influxha.core.config.AuthSettings;
import io.influxha.core.config.AuthUser;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may call the gateway, as InfluxDB 1.8's {@code authenticate} middleware and write
 * authorizer decide it (services/httpd/handler.go), over the users of {@code gateway.auth}.
 * Disabled: every request is {@link User#UNRESTRICTED} and credentials are ignored, as in 1.8.
 * Enabled: missing or unreadable credentials and wrong ones answer 401 with
 * {@code WWW-Authenticate}; a user without write permission on the database answers 403.
 * Logs never contain a password or a user name.
 */
public final class Authenticator {
    private static final Logger log = LoggerFactory.getLogger(Authenticator.class);

    private static final String USER_ATTRIBUTE = "io.influxha.gateway.auth.user";

    private final boolean enabled;
    private final AuthSettings.MetricsAccess metrics;
    private final Map<String, Entry> users;
    private final UnaryOperator<String> quote;
    /** What an unknown user's password is checked against, so that it costs as much as a known user's. */
    private final PasswordCheck decoy;

    private record Entry(User user, PasswordCheck password) {}

    private Authenticator(boolean enabled, AuthSettings.MetricsAccess metrics, Map<String, Entry> users, UnaryOperator<String> quote) {
        this.enabled = enabled;
        this.metrics = metrics;
        this.users = users;
        this.quote = quote;
        this.decoy = users.values().stream().map(Entry::password).filter(PasswordCheck::isBcrypt).findFirst().orElse(PasswordCheck.NOBODY);
    }

    /** @param goQuote Go's {@code %q}, used for names in 403 messages exactly as 1.8 prints them */
    public static Authenticator of(AuthSettings settings, UnaryOperator<String> goQuote) {
        Map<String, Entry> users = new HashMap<>();
        for (AuthUser u : settings.users()) {
            users.put(u.name(), new Entry(new User(u.name(), u.admin(), new HashSet<>(u.write()), new HashSet<>(u.read())),
                    PasswordCheck.of(u)));
        }
        return new Authenticator(settings.enabled(), settings.metrics(), Map.copyOf(users), goQuote);
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * The user whose credentials the request carries; {@link User#UNRESTRICTED} when auth is disabled.
     *
     * @throws AuthException 401 for no, unreadable or wrong credentials
     */
    public User authenticate(Context ctx) {
        if (!enabled) {
            return User.UNRESTRICTED;
        }
        Credentials credentials = Credentials.of(ctx);
        if (credentials.bearer()) {
            throw fail(ctx, "bearer", AuthException.unauthorized("bearer auth disabld")); // sic: 1.8's ErrBearerAuthDisabled
        }
        if (credentials.username().isEmpty()) {
            throw fail(ctx, "no_username", AuthException.unauthorized("username required"));
        }
        Entry entry = users.get(credentials.username());
        boolean match = (entry == null ? decoy : entry.password()).matches(credentials.password());
        if (entry == null || !match) {
            throw fail(ctx, "bad_credentials", AuthException.unauthorized("authorization failed"));
        }
        return entry.user();
    }

    /**
     * Wraps an endpoint that authorizes by itself ({@code /query}): authenticates (401 as above) and
     * leaves the user in the request for {@link #user(Context)}.
     */
    public Handler guardAuthenticated(Handler inner) {
        return ctx -> {
            ctx.attribute(USER_ATTRIBUTE, authenticate(ctx));
            inner.handle(ctx);
        };
    }

    /**
     * The user {@link #guardAuthenticated} found for this request; {@link User#UNRESTRICTED} when
     * auth is disabled. For {@code /query}: {@code if (!Authenticator.user(ctx).mayRead(db)) -> 403}.
     *
     * @throws IllegalStateException when the route is not wrapped: fails closed rather than open
     */
    public static User user(Context ctx) {
        User user = ctx.attribute(USER_ATTRIBUTE);
        if (user == null) {
            throw new IllegalStateException("no authenticated user: wrap the route " + ctx.path() + " in guardAuthenticated");
        }
        return user;
    }

    /**
     * Wraps {@code /metrics}: open as InfluxDB 1.8's own, unless {@code gateway.auth.metrics} is
     * {@code authenticated}, when any configured user's credentials are needed (401 otherwise).
     */
    public Handler guardMetrics(Handler inner) {
        if (!enabled || metrics == AuthSettings.MetricsAccess.OPEN) {
            return inner;
        }
        return ctx -> {
            authenticate(ctx);
            inner.handle(ctx);
        };
    }

    /** @throws AuthException 403 with 1.8's text when {@code user} may not write {@code db} */
    public void authorizeWrite(User user, String db) {
        if (!user.mayWrite(db)) {
            throw AuthException.forbidden(quote.apply(user.name()) + " user is not authorized to write to database " + quote.apply(db));
        }
    }

    /**
     * Wraps a write endpoint: authenticates, then checks write permission on the database that
     * {@code database} reads from the request. An empty database is left to the handler, which
     * answers 400 as 1.8 does before it looks at permissions.
     */
    public Handler guardWrite(Function<Context, String> database, Handler inner) {
        if (!enabled) {
            return inner;
        }
        return ctx -> {
            User user = authenticate(ctx);
            String db = database.apply(ctx);
            if (!db.isEmpty()) {
                authorizeWrite(user, db);
            }
            inner.handle(ctx);
        };
    }

    /**
     * Wraps a read endpoint other than {@code /query} (Prometheus remote read): authenticates, then
     * checks read permission on the database. 1.8 words this 403 after the InfluxQL statement it
     * builds; this one names the database instead.
     */
    public Handler guardRead(Function<Context, String> database, Handler inner) {
        if (!enabled) {
            return inner;
        }
        return ctx -> {
            User user = authenticate(ctx);
            String db = database.apply(ctx);
            if (!db.isEmpty() && !user.mayRead(db)) {
                throw AuthException.forbidden("error authorizing query: " + quote.apply(user.name())
                        + " user is not authorized to read database " + quote.apply(db));
            }
            inner.handle(ctx);
        };
    }

    /** The database of a 2.x bucket ({@code db} or {@code db/rp}), empty when there is none. */
    public static String bucketDatabase(Context ctx) {
        String bucket = ctx.queryParam("bucket");
        if (bucket == null) {
            return "";
        }
        int slash = bucket.indexOf('/');
        return slash < 0 ? bucket : bucket.substring(0, slash);
    }

    /** The {@code db} query parameter, empty when absent. */
    public static String dbParam(Context ctx) {
        String db = ctx.queryParam("db");
        return db == null ? "" : db;
    }

    private static AuthException fail(Context ctx, String reason, AuthException e) {
        log.debug("event=auth_failed reason={} method={} path={} remote={}", reason, ctx.method(), ctx.path(), ctx.ip());
        return e;
    }
}
