package io.influxha.gateway.influxql;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code params} of {@code /query}: decoded as InfluxDB 1.x's handler decodes them (JSON object,
 * numbers with a "." are floats, others integers) and bound as influxql's params.go binds them:
 * a value becomes one literal token where {@code $name} stands (an identifier, string, regex,
 * number, integer, boolean or duration), or an error that the parser reports when the parameter is used.
 */
public final class Params {
    private static final JsonFactory JSON = new JsonFactory();

    private Params() {}

    /** A bound value: the token it stands for and the token's literal text. */
    public sealed interface Value {
        Token tokenType();

        String text();
    }

    public record Identifier(String name) implements Value {
        public Token tokenType() { return Token.IDENT; }
        public String text() { return name; }
    }

    public record StringValue(String value) implements Value {
        public Token tokenType() { return Token.STRING; }
        public String text() { return value; }
    }

    public record RegexValue(String pattern) implements Value {
        public Token tokenType() { return Token.REGEX; }
        public String text() { return pattern; }
    }

    public record NumberValue(double value) implements Value {
        public Token tokenType() { return Token.NUMBER; }
        public String text() { return GoText.formatFloatShortest(value); }
    }

    public record IntegerValue(long value) implements Value {
        public Token tokenType() { return Token.INTEGER; }
        public String text() { return Long.toString(value); }
    }

    public record BooleanValue(boolean value) implements Value {
        public Token tokenType() { return value ? Token.TRUE : Token.FALSE; }
        public String text() { return ""; }
    }

    public record DurationValue(String text) implements Value {
        public Token tokenType() { return Token.DURATIONVAL; }
    }

    /** A value influxql cannot bind: using the parameter is a parse error with this text. */
    public record ErrorValue(String message) implements Value {
        public Token tokenType() { return Token.BOUNDPARAM; }
        public String text() { return message; }
    }

    /** A request whose {@code params} the handler refuses before parsing (400 with this message). */
    public static final class ParamsException extends RuntimeException {
        ParamsException(String message) {
            super(message, null, false, false);
        }
    }

    /** A JSON number as written, as Go's json.Number keeps it. */
    private record JsonNumber(String text) {}

    /**
     * Decodes and binds {@code raw} as influxd's handler and SetParams do. An empty string means no
     * parameters (influxd skips it); JSON null binds nothing.
     *
     * @throws ParamsException with influxd's message ({@code error parsing query parameters: ...} or
     *     {@code error parsing json value: ...})
     */
    public static Map<String, Value> decode(String raw) {
        Map<String, Value> bound = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return bound;
        }
        Object top;
        try (JsonParser p = JSON.createParser(raw)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new ParamsException("error parsing query parameters: EOF");
            }
            top = read(p, t);
        } catch (JsonProcessingException e) {
            throw new ParamsException("error parsing query parameters: " + describe(e));
        } catch (IOException e) {
            throw new ParamsException("error parsing query parameters: " + e.getMessage());
        }
        if (top == null) {
            return bound;
        }
        if (!(top instanceof Map<?, ?> map)) {
            throw new ParamsException("error parsing query parameters: json: cannot unmarshal " + jsonKind(top)
                    + " into Go value of type map[string]interface {}");
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object v = e.getValue();
            if (v instanceof JsonNumber number) {
                try {
                    v = number(number.text(), "error parsing json value: ");
                } catch (NumberFormatException bad) {
                    throw new ParamsException(bad.getMessage());
                }
            }
            bound.put((String) e.getKey(), bind(v));
        }
        return bound;
    }

    private static Object read(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    m.put(name, read(p, p.nextToken()));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    l.add(read(p, e));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new JsonNumber(p.getText());
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new JsonProcessingException("unexpected " + t) {};
        }
    }

    /** Go's jsonNumberToValue: a float64 when the text has a ".", else an int64; strconv's error text otherwise. */
    private static Object number(String text, String prefix) {
        if (text.contains(".")) {
            double d = Double.parseDouble(text);
            if (Double.isInfinite(d)) {
                throw new NumberFormatException(prefix + "strconv.ParseFloat: parsing " + Parser.goQuote(text) + ": value out of range");
            }
            return d;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            boolean digits = text.matches("-?[0-9]+");
            throw new NumberFormatException(prefix + "strconv.ParseInt: parsing " + Parser.goQuote(text) + ": "
                    + (digits ? "value out of range" : "invalid syntax"));
        }
    }

    /** influxql.BindValue. */
    private static Value bind(Object v) {
        if (v instanceof Double d) {
            return new NumberValue(d);
        } else if (v instanceof Long l) {
            return new IntegerValue(l);
        } else if (v instanceof String s) {
            return new StringValue(s);
        } else if (v instanceof Boolean b) {
            return new BooleanValue(b);
        } else if (v instanceof Map<?, ?> m) {
            return bindObject(m);
        }
        return new ErrorValue("unable to bind parameter with type " + (v == null ? "<nil>" : "[]interface {}"));
    }

    /** influxql's bindObjectValue: {@code {"identifier": "cpu"}}, {@code {"duration": "1h"}}, ... */
    private static Value bindObject(Map<?, ?> m) {
        if (m.size() != 1) {
            return new ErrorValue("bound object parameter value must have exactly one entry");
        }
        Map.Entry<?, ?> e = m.entrySet().iterator().next();
        String k = (String) e.getKey();
        Object v = e.getValue();
        if (v instanceof JsonNumber number) {
            try {
                v = number(number.text(), "");
            } catch (NumberFormatException bad) {
                return new ErrorValue(bad.getMessage());
            }
        }
        return switch (k) {
            case "ident", "identifier" -> v instanceof String s ? new Identifier(s) : new ErrorValue("identifier must be a string value");
            case "regex" -> v instanceof String s ? new RegexValue(s) : new ErrorValue("regex literal must be a string value");
            case "string" -> v instanceof String s ? new StringValue(s) : new ErrorValue("string literal must be a string value");
            case "float", "number" -> v instanceof Double d ? new NumberValue(d)
                    : v instanceof Long l ? new NumberValue(l) : new ErrorValue("number literal must be a float value");
            case "int", "integer" -> v instanceof Long l ? new IntegerValue(l) : new ErrorValue("integer literal must be an integer value");
            case "duration" -> v instanceof String s ? new DurationValue(s)
                    : v instanceof Long l ? new DurationValue(GoText.formatDuration(l))
                    : new ErrorValue("duration literal must be a string or integer value");
            default -> new ErrorValue("unknown bind object type: " + k);
        };
    }

    private static String jsonKind(Object v) {
        if (v instanceof List<?>) {
            return "array";
        } else if (v instanceof String) {
            return "string";
        } else if (v instanceof Boolean) {
            return "bool";
        }
        return "number";
    }

    /** Go's json wording for the two errors clients meet most; Jackson's own text otherwise. */
    private static String describe(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m != null && m.startsWith("Unexpected end-of-input")) {
            return "unexpected EOF";
        }
        return m == null ? "invalid JSON" : m;
    }
}
