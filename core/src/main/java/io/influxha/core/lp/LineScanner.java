package io.influxha.core.lp;

/**
 * The grammar of one point, following InfluxDB 1.8 {@code models/points.go} (scanKey,
 * scanFields, scanTime) so that what we accept and the reason we give for what we reject are
 * 1.8's. Allocation-free on valid input; on the first error it records {@link #reason} and the
 * byte offset {@link #errorPos} and stops.
 *
 * <p>Deliberate differences from 1.8, each stricter or harmless because the gateway re-encodes
 * every accepted line as {@code <line up to fields> <ns timestamp>\n}:
 * a {@code \r} right before a newline (CRLF) ends the line; a closing string quote must be followed
 * by {@code ,}, space or the line end ("invalid field format"); in the measurement and tag set an
 * unescaped newline always ends the line.
 */
final class LineScanner {
    static final long MIN_NANO_TIME = Long.MIN_VALUE + 2;
    static final long MAX_NANO_TIME = Long.MAX_VALUE - 1;
    static final int MAX_KEY_LENGTH = 65535;
    static final String TIME_OUT_OF_RANGE =
            "time outside range " + MIN_NANO_TIME + " - " + MAX_NANO_TIME;

    private final TagSet tags = new TagSet();
    private final NumberScanner numbers = new NumberScanner(this);
    byte[] buf;
    int end;

    int measurementEnd;
    int seriesEnd;
    int fieldsEnd;
    /** Index of the {@code \r}, {@code \n} or body end that closes a valid line. */
    int lineEnd;
    boolean hasTimestamp;
    long timestampNanos;
    /** Raw newlines inside the point (in string fields or escaped in field keys). */
    int newlines;
    String reason;
    int errorPos;

    /** Scans the point starting at {@code start} (first non-blank byte of a line). */
    boolean scan(byte[] body, int start, int bodyEnd, long nanosPerUnit) {
        buf = body;
        end = bodyEnd;
        newlines = 0;
        hasTimestamp = false;
        reason = null;
        int i = scanMeasurement(start);
        if (i >= 0 && buf[i] == ',') {
            i = tags.scan(this, i + 1);
        }
        if (i < 0) {
            return false;
        }
        seriesEnd = i;
        int keyLength = seriesEnd - start;
        if (keyLength > MAX_KEY_LENGTH) {
            return fail("max key length exceeded: " + keyLength + " > " + MAX_KEY_LENGTH, start) >= 0;
        }
        i = scanFields(i, keyLength);
        if (i < 0) {
            return false;
        }
        fieldsEnd = i;
        return scanTimestamp(i, nanosPerUnit);
    }

    int fail(String why, int pos) {
        reason = why;
        errorPos = pos;
        return -1;
    }

    /** End of line: body end, a newline, or a CR that a newline (or the body end) follows. */
    boolean atLineEnd(int i) {
        return atLineEndIn(buf, i, end);
    }

    boolean atLineEndIn(byte[] b, int i, int bodyEnd) {
        if (i >= bodyEnd) {
            return true;
        }
        byte c = b[i];
        return c == '\n' || (c == '\r' && (i + 1 >= bodyEnd || b[i + 1] == '\n'));
    }

    private int scanMeasurement(int start) {
        final byte[] b = buf;
        final int e = end;
        if (b[start] == ',') {
            return fail("missing measurement", start);
        }
        int i = b[start] == '\\' ? ByteClass.skipEscaped(b, start, e) : start + 1;
        while (true) {
            if (i >= e) {
                return fail("missing fields", i);
            }
            i = ByteClass.nextNameSpecial(b, i, e);
            if (i >= e) {
                return fail("missing fields", i);
            }
            byte c = b[i];
            if (c == '=') {
                i++;
            } else if (c == '\\') {
                i = ByteClass.skipEscaped(b, i, e);
            } else if (c == '\n') {
                return fail("missing fields", i);
            } else {
                measurementEnd = i;
                return i;
            }
        }
    }

    private int skipWhitespace(int i) {
        while (i < end && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == 0)) {
            i++;
        }
        return i;
    }

    private int scanFields(int i, int keyLength) {
        i = skipWhitespace(i);
        if (atLineEnd(i)) {
            return fail("missing fields", i);
        }
        while (true) {
            int keyStart = i;
            i = scanFieldKey(i);
            if (i < 0) {
                return -1;
            }
            if (i == keyStart) {
                return fail("missing field key", i);
            }
            int seriesKeySize = keyLength + 4 + (i - keyStart);
            if (seriesKeySize > MAX_KEY_LENGTH) {
                return fail("max key length exceeded: " + seriesKeySize + " > " + MAX_KEY_LENGTH, keyStart);
            }
            i = scanFieldValue(i + 1);
            if (i < 0) {
                return -1;
            }
            if (atLineEnd(i) || buf[i] == ' ') {
                return i;
            }
            if (buf[i] != ',') {
                return fail("invalid field format", i);
            }
            i++;
        }
    }

    /** Returns the index of the {@code =} that ends the key (escapes skip two bytes, as scanFields). */
    private int scanFieldKey(int i) {
        final byte[] b = buf;
        final int e = end;
        while (true) {
            if (i >= e) {
                return fail("invalid field format", i);
            }
            i = ByteClass.nextNameSpecial(b, i, e);
            if (i >= e) {
                return fail("invalid field format", i);
            }
            byte c = b[i];
            if (c == '\\' && i + 1 < e) {
                if (b[i + 1] == '\n') {
                    newlines++;
                }
                i += 2;
            } else if (c == '=') {
                return i;
            } else if (c == '\\') {
                i++;
            } else {
                return fail("invalid field format", i);
            }
        }
    }

    private int scanFieldValue(int i) {
        if (atLineEnd(i) || buf[i] == ',' || buf[i] == ' ') {
            return fail("missing field value", i);
        }
        byte c = buf[i];
        if (c == '"') {
            return scanString(i + 1);
        }
        if ((c >= '0' && c <= '9') || c == '.' || c == '-' || c == 'N' || c == 'n') {
            return numbers.scan(i);
        }
        return scanBoolean(i);
    }

    /** True at the byte that ends an unquoted field value. */
    boolean atValueEnd(int i) {
        return atLineEnd(i) || buf[i] == ',' || buf[i] == ' ';
    }

    private int scanString(int i) {
        while (true) {
            if (i >= end) {
                return fail("unbalanced quotes", i);
            }
            byte c = buf[i];
            if (c == '\\') {
                if (i + 1 < end && buf[i + 1] == '\n') {
                    newlines++;
                }
                i += 2;
                continue;
            }
            if (c == '"') {
                return i + 1;
            }
            if (c == '\n') {
                newlines++;
            }
            i++;
        }
    }

    /** t T true True TRUE f F false False FALSE, as 1.8's scanBoolean. */
    private int scanBoolean(int start) {
        byte first = buf[start];
        if (first != 't' && first != 'f' && first != 'T' && first != 'F') {
            return fail("invalid boolean", start);
        }
        int i = start + 1;
        while (!atValueEnd(i)) {
            i++;
        }
        int len = i - start;
        if (len == 1 || matches(start, len, first)) {
            return i;
        }
        return fail("invalid boolean", start);
    }

    private boolean matches(int start, int len, byte first) {
        switch (first) {
            case 't': return len == 4 && equalsAscii(start, "true");
            case 'f': return len == 5 && equalsAscii(start, "false");
            case 'T': return len == 4 && (equalsAscii(start, "TRUE") || equalsAscii(start, "True"));
            default: return len == 5 && (equalsAscii(start, "FALSE") || equalsAscii(start, "False"));
        }
    }

    private boolean equalsAscii(int start, String word) {
        for (int k = 0; k < word.length(); k++) {
            if (buf[start + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private boolean scanTimestamp(int i, long nanosPerUnit) {
        i = skipWhitespace(i);
        if (atLineEnd(i)) {
            lineEnd = i;
            return true;
        }
        int start = i;
        boolean negative = buf[i] == '-';
        if (negative) {
            i++;
        }
        final byte[] b = buf;
        int digitsStart = i;
        long value = 0; // exact while at most 18 digits; longer numbers are re-read with overflow checks
        while (i + 8 <= end) {
            long w = ByteClass.word(b, i);
            if (!ByteClass.allDigits(w)) {
                break;
            }
            value = value * 100_000_000L + ByteClass.eightDigits(w);
            i += 8;
        }
        for (; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                if (b[i] == ' ' || atLineEnd(i)) {
                    break;
                }
                return fail("bad timestamp", i) >= 0;
            }
            value = value * 10 + d;
        }
        if (i == digitsStart) {
            return failParseInt(start, i, "invalid syntax");
        }
        if (i - digitsStart > 18) {
            long checked = checkedNegativeValue(digitsStart, i);
            if (checked > 0 || (!negative && checked == Long.MIN_VALUE)) {
                return failParseInt(start, i, "value out of range");
            }
            value = -checked;
        }
        return finishTimestamp(start, i, negative ? -value : value, nanosPerUnit);
    }

    /** The digits' value, negated (so Long.MIN_VALUE fits); 1 when it does not fit in a long. */
    private long checkedNegativeValue(int from, int to) {
        long acc = 0;
        for (int k = from; k < to; k++) {
            int d = buf[k] - '0';
            if (acc < (Long.MIN_VALUE + d) / 10) {
                return 1;
            }
            acc = acc * 10 - d;
        }
        return acc;
    }

    private boolean failParseInt(int start, int end, String what) {
        String digits = new String(buf, start, end - start, java.nio.charset.StandardCharsets.UTF_8);
        return fail("strconv.ParseInt: parsing \"" + digits + "\": " + what, start) >= 0;
    }

    private boolean finishTimestamp(int start, int i, long value, long nanosPerUnit) {
        boolean fits = nanosPerUnit == 1
                || (value <= Long.MAX_VALUE / nanosPerUnit && value >= Long.MIN_VALUE / nanosPerUnit);
        long nanos = value * nanosPerUnit;
        if (!fits || nanos < MIN_NANO_TIME || nanos > MAX_NANO_TIME) {
            return fail(TIME_OUT_OF_RANGE, start) >= 0;
        }
        while (i < end && buf[i] == ' ') {
            i++;
        }
        if (!atLineEnd(i)) {
            return fail("point is invalid", i) >= 0;
        }
        hasTimestamp = true;
        timestampNanos = nanos;
        lineEnd = i;
        return true;
    }
}
