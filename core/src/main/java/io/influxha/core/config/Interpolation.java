package io.influxha.core.config;

import java.util.function.UnaryOperator;

/**
 * Environment references in string values, with Docker Compose's reference forms: {@code ${NAME}} is
 * the variable NAME (an error when it is unset), {@code ${NAME:-default}} the default when NAME is
 * unset or empty, {@code ${NAME-default}} the default only when NAME is unset, and <code>$${</code> a
 * literal <code>${</code>. Unlike Compose, every other {@code $} is kept as written, {@code $$} included:
 * values written before references existed (a password {@code pa$$word}) keep their meaning, and
 * bcrypt hashes ({@code $2a$10$...}) and regular expressions ({@code /^cpu$/}) need no escape. Our
 * files are mounted into containers, never interpolated by Compose, so Compose's {@code $$} rule
 * buys nothing here (docs/configuration.md, "General rules"). Messages never show the value: it may
 * be a secret.
 */
final class Interpolation {
    private final UnaryOperator<String> env;

    Interpolation(UnaryOperator<String> env) {
        this.env = env;
    }

    /** Thrown with a message about the value's text that names no part of it but variable names. */
    static final class Unresolved extends RuntimeException {
        Unresolved(String message) {
            super(message, null, false, false);
        }
    }

    /** {@code text} with every reference replaced; text without a {@code $} is returned as is. */
    String resolve(String text) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                i = reference(text, i, out);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Appends the value of the reference starting at {@code start} ("${"); returns the index after its "}". */
    private int reference(String text, int start, StringBuilder out) {
        int close = text.indexOf('}', start + 2);
        if (close < 0) {
            throw new Unresolved("\"${\" at character " + (start + 1) + " has no closing \"}\" (write \"$${\" for a literal \"${\")");
        }
        String body = text.substring(start + 2, close);
        int nameEnd = 0;
        while (nameEnd < body.length() && (Character.isLetterOrDigit(body.charAt(nameEnd)) || body.charAt(nameEnd) == '_')
                && body.charAt(nameEnd) < 128) {
            nameEnd++;
        }
        String name = body.substring(0, nameEnd);
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            throw new Unresolved("the reference at character " + (start + 1)
                    + " needs a variable name ([A-Za-z_][A-Za-z0-9_]*) after \"${\" (write \"$${\" for a literal \"${\")");
        }
        String rest = body.substring(nameEnd);
        String value = env.apply(name);
        if (rest.isEmpty()) {
            if (value == null) {
                throw new Unresolved("environment variable " + name + " is not set");
            }
            out.append(value);
        } else if (rest.startsWith(":-")) {
            out.append(value == null || value.isEmpty() ? rest.substring(2) : value);
        } else if (rest.startsWith("-")) {
            out.append(value == null ? rest.substring(1) : value);
        } else {
            throw new Unresolved("the reference to " + name + " at character " + (start + 1)
                    + " must be ${" + name + "}, ${" + name + ":-default} or ${" + name + "-default}");
        }
        return close + 1;
    }
}
