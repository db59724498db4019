package io.influxha.gateway.auth;

import io.influxha.core.config.AuthUser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.mindrot.jbcrypt.BCrypt;

/**
 * Compares a presented password with a user's in constant time. A clear-text password is digested
 * with SHA-256 at startup and a {@code sha256:} hash decoded; the presented password's digest is
 * then compared with {@link MessageDigest#isEqual}, so neither length nor the first differing byte
 * shows in the timing. A bcrypt hash is checked by jBCrypt (constant-time compare); as InfluxDB 1.8's
 * auth cache does, the digest of the last password bcrypt accepted is kept, so that a client
 * authenticating on every request pays bcrypt's cost once. Nothing secret is ever printed.
 */
final class PasswordCheck {
    /** Checked against for unknown users when no bcrypt user exists; never matches. */
    static final PasswordCheck NOBODY = new PasswordCheck(new byte[32], null);

    private final byte[] expected;
    private final String bcrypt;
    private volatile byte[] acceptedByBcrypt;

    private PasswordCheck(byte[] expected, String bcrypt) {
        this.expected = expected;
        this.bcrypt = bcrypt;
    }

    static PasswordCheck of(AuthUser user) {
        String hash = user.passwordHash().value();
        if (hash.startsWith("$2")) {
            // jBCrypt 0.4 reads only the $2a$ prefix; $2b$ and $2y$ hash the same way for passwords under 255 bytes
            return new PasswordCheck(null, "$2a$" + hash.substring(4));
        }
        if (!hash.isEmpty()) {
            return new PasswordCheck(HexFormat.of().parseHex(hash.substring("sha256:".length())), null);
        }
        return new PasswordCheck(sha256(user.password().value()), null);
    }

    boolean isBcrypt() {
        return bcrypt != null;
    }

    boolean matches(String presented) {
        byte[] digest = sha256(presented);
        if (bcrypt == null) {
            return MessageDigest.isEqual(expected, digest);
        }
        byte[] accepted = acceptedByBcrypt;
        if (accepted != null && MessageDigest.isEqual(accepted, digest)) {
            return true;
        }
        boolean ok = BCrypt.checkpw(presented, bcrypt);
        if (ok) {
            acceptedByBcrypt = digest;
        }
        return ok;
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "PasswordCheck[hidden]";
    }
}
