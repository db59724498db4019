package io.influxha.testkit.influxql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.influxha.testkit.influxql.QueryText.Join;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Bound parameters ({@code $name} in q, its value in the {@code params} JSON) in every shape
 * influxql 1.1.0's BindValue knows: top-level strings, numbers with and without ".", integers and
 * bools, and the objects {@code identifier}/{@code ident}, {@code regex}, {@code string},
 * {@code integer}/{@code int}, {@code number}/{@code float} and {@code duration} (string or
 * nanoseconds). Also broken {@code params} texts: not an object, trailing text, {@code 1e5},
 * numbers out of range, wrong object shapes, arrays, null, a missing binding.
 */
final class BoundParams {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SplittableRandom random;
    private boolean enabled;
    private int next;

    BoundParams(SplittableRandom random) {
        this.random = random;
    }

    /** Starts a query: parameters are used in it only when {@code enabled}. */
    void reset(boolean enabled) {
        this.enabled = enabled;
        this.next = 0;
    }

    /** Whether the literal or identifier about to be written should be a parameter instead. */
    boolean wanted() {
        return enabled && random.nextInt(100) < 35;
    }

    void bind(QueryText t, String jsonValue, Join join) {
        String name = random.nextInt(8) == 0 ? "\"p " + next + "\"" : "p" + next;
        t.param(name, jsonValue, join);
        next++;
    }

    String identifier(Lexemes lx) {
        String name = random.nextInt(5) == 0 ? "a b;c\"d" : lx.pick(new String[] {"cpu", "mem", "host", "db0", "é😀"});
        return object(random.nextBoolean() ? "identifier" : "ident", json(name));
    }

    String regex(Lexemes lx) {
        return object("regex", json(lx.regexBody()));
    }

    String string(Lexemes lx) {
        String text = json(lx.plainText());
        return random.nextBoolean() ? text : object("string", text);
    }

    String number(Lexemes lx) {
        String n = lx.number();
        n = n.startsWith(".") ? "0" + n : n;
        return switch (random.nextInt(3)) {
            case 0 -> n;
            case 1 -> object("number", n);
            default -> object("float", Integer.toString(random.nextInt(100)));
        };
    }

    String integer(int n) {
        return switch (random.nextInt(3)) {
            case 0 -> Integer.toString(n);
            case 1 -> object("integer", Integer.toString(n));
            default -> object("int", Integer.toString(n));
        };
    }

    String bool() {
        return Boolean.toString(random.nextBoolean());
    }

    String duration(Lexemes lx) {
        return random.nextBoolean()
                ? object("duration", json(lx.duration()))
                : object("duration", Long.toString((1 + random.nextInt(48)) * 3_600_000_000_000L));
    }

    /** The params text for {@code bindings} (name to raw JSON value), valid or broken on purpose. */
    String text(Map<String, String> bindings, boolean broken) {
        StringBuilder b = new StringBuilder("{");
        bindings.forEach((name, value) -> b.append(b.length() > 1 ? "," : "").append(json(name.replace("\"", ""))).append(':').append(value));
        String valid = b.append('}').toString();
        if (!broken) {
            return valid;
        }
        String first = bindings.isEmpty() ? "\"p0\"" : json(bindings.keySet().iterator().next().replace("\"", ""));
        String[] variants = {
            "[" + valid + "]", valid + " trailing", valid.substring(0, valid.length() - 1), "", "null", " ", "\"str\"", "{}",
            "{" + first + ":1e5}", "{" + first + ":99999999999999999999}", "{" + first + ":1.5e999}",
            "{" + first + ":[1]}", "{" + first + ":null}", "{" + first + ":{\"integer\":1.5}}",
            "{" + first + ":{\"identifier\":1}}", "{" + first + ":{\"regex\":\"(\"}}", "{" + first + ":{\"duration\":true}}",
            "{" + first + ":{\"string\":\"a\",\"int\":1}}", "{" + first + ":{\"unknown\":1}}", "{" + first + ":{}}",
            "{" + first + ":{\"number\":\"1\"}}", "{" + first + ":-0}", "{" + first + ":1E2}",
        };
        return variants[random.nextInt(variants.length)];
    }

    private static String object(String key, String rawValue) {
        return "{" + json(key) + ":" + rawValue + "}";
    }

    private static String json(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
