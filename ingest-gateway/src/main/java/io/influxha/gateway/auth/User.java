package io.influxha.gateway.auth;

import java.util.Set;

/**
 * Who a request is, once {@link Authenticator#authenticate} accepted its credentials. With auth
 * disabled every request is {@link #UNRESTRICTED}, as InfluxDB's open authorizer allows everything.
 */
public final class User {
    /** Auth disabled: may write and read every database. */
    public static final User UNRESTRICTED = new User("", true, Set.of(), Set.of());

    private final String name;
    private final boolean admin;
    private final Set<String> write;
    private final Set<String> read;

    User(String name, boolean admin, Set<String> write, Set<String> read) {
        this.name = name;
        this.admin = admin;
        this.write = Set.copyOf(write);
        this.read = Set.copyOf(read);
    }

    /** The configured name; empty for {@link #UNRESTRICTED}. */
    public String name() {
        return name;
    }

    public boolean admin() {
        return admin;
    }

    public boolean mayWrite(String db) {
        return admin || write.contains(db);
    }

    public boolean mayRead(String db) {
        return admin || read.contains(db);
    }

    @Override
    public String toString() {
        return "User[name=" + name + ", admin=" + admin + "]";
    }
}
