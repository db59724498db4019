package io.influxha.core.config;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One entry of a shard's {@code measurements}: an exact name ({@code cpu}), a glob where {@code *}
 * matches any run of characters and {@code ?} one character ({@code disk_*}), or a regex between
 * slashes as InfluxQL writes them ({@code /^net(_|$)/}), which matches when it finds a match
 * anywhere in the name, like InfluxQL's {@code =~}, unless anchored. The pattern {@code *} alone
 * marks the default shard.
 */
final class MeasurementPattern {
    static final String DEFAULT = "*";

    enum Kind { EXACT, GLOB, REGEX, DEFAULT }

    private final String text;
    private final Kind kind;
    private final Pattern regex;

    private MeasurementPattern(String text, Kind kind, Pattern regex) {
        this.text = text;
        this.kind = kind;
        this.regex = regex;
    }

    /** @throws IllegalArgumentException with the reason, for use after {@code invalid value X: } */
    static MeasurementPattern parse(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a measurement pattern must not be empty");
        }
        if (text.equals(DEFAULT)) {
            return new MeasurementPattern(text, Kind.DEFAULT, null);
        }
        if (text.startsWith("/")) {
            return new MeasurementPattern(text, Kind.REGEX, regex(text));
        }
        if (text.indexOf('*') >= 0 || text.indexOf('?') >= 0) {
            return new MeasurementPattern(text, Kind.GLOB, glob(text));
        }
        return new MeasurementPattern(text, Kind.EXACT, null);
    }

    private static Pattern regex(String text) {
        if (text.length() < 2 || !text.endsWith("/")) {
            throw new IllegalArgumentException("a regex is written between slashes, e.g. \"/^cpu_.+/\"");
        }
        String body = text.substring(1, text.length() - 1);
        if (body.isEmpty()) {
            throw new IllegalArgumentException("the regex between the slashes is empty");
        }
        try {
            return Pattern.compile(body);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("the regex does not compile: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
        }
    }

    private static Pattern glob(String text) {
        StringBuilder out = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    out.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                out.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            out.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(out.toString(), Pattern.DOTALL);
    }

    Kind kind() {
        return kind;
    }

    String text() {
        return text;
    }

    /** For globs and regexes; exact names and the default are matched by {@link ShardRules} itself. */
    boolean matches(String measurement) {
        return switch (kind) {
            case EXACT -> text.equals(measurement);
            case GLOB -> regex.matcher(measurement).matches();
            case REGEX -> regex.matcher(measurement).find();
            case DEFAULT -> true;
        };
    }

    @Override
    public String toString() {
        return text;
    }
}
