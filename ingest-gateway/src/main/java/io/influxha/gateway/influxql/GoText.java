package io.influxha.gateway.influxql;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The text conversions influxql borrows from Go and its own helpers: quoting identifiers and
 * strings (QuoteIdent, QuoteString), InfluxQL durations (ParseDuration, FormatDuration), Go's
 * time.Duration.String() and the float formats its String() methods print. Hand-written: they
 * must match Go byte for byte, and no Java library formats the Go way.
 */
final class GoText {
    static final long NANOS_PER_MICRO = 1_000L;
    static final long NANOS_PER_MILLI = 1_000_000L;
    static final long NANOS_PER_SECOND = 1_000_000_000L;
    static final long NANOS_PER_MINUTE = 60 * NANOS_PER_SECOND;
    static final long NANOS_PER_HOUR = 60 * NANOS_PER_MINUTE;
    static final long NANOS_PER_DAY = 24 * NANOS_PER_HOUR;
    static final long NANOS_PER_WEEK = 7 * NANOS_PER_DAY;
    private static final int MICRO_SIGN = '\u00b5';

    private GoText() {}

    /** influxql.QuoteIdent: segments joined by dots, each quoted when it must be. */
    static String quoteIdent(String... segments) {
        StringBuilder buf = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            boolean needQuote = identNeedsQuotes(segment) || (!last && !segment.isEmpty()) || ((i == 0 || last) && segment.isEmpty());
            if (needQuote) {
                buf.append('"');
            }
            buf.append(segment.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"));
            if (needQuote) {
                buf.append('"');
            }
            if (!last) {
                buf.append('.');
            }
        }
        return buf.toString();
    }

    /** influxql.IdentNeedsQuotes: a keyword, or a character a bare identifier cannot hold. */
    static boolean identNeedsQuotes(String ident) {
        if (Token.lookup(ident) != Token.IDENT) {
            return true;
        }
        for (int i = 0; i < ident.length(); ) {
            int c = ident.codePointAt(i);
            if (i == 0 ? !Lexer.isIdentFirstChar(c) : !Lexer.isIdentChar(c)) {
                return true;
            }
            i += Character.charCount(c);
        }
        return false;
    }

    /** influxql.QuoteString. */
    static String quoteString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
    }

    /** Thrown by {@link #parseDuration} with influxql's message. */
    static final class BadDuration extends RuntimeException {
        BadDuration(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * influxql.ParseDuration: one or more {@code <digits><unit>} with units ns, u/µ, ms, s, m, h, d,
     * w, an optional leading minus; overflow wraps like Go's int64 and is then reported.
     */
    static long parseDuration(String s) {
        if (s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 2) {
            throw new BadDuration("invalid duration");
        }
        int[] a = s.codePoints().toArray();
        long d = 0;
        int i = 0;
        boolean negative = false;
        if (a[i] == '-') {
            negative = true;
            i++;
        }
        long measure = 0;
        String unit = "";
        while (i < a.length) {
            int start = i;
            while (i < a.length && Lexer.isDigit(a[i])) {
                i++;
            }
            if (i >= a.length || i == start) {
                throw new BadDuration("invalid duration");
            }
            long n;
            try {
                n = Long.parseLong(new String(a, start, i - start));
            } catch (NumberFormatException e) {
                throw new BadDuration("invalid duration");
            }
            measure = n;
            unit = new String(Character.toChars(a[i]));
            boolean twoLetters = i + 1 < a.length && a[i + 1] == 's';
            switch (a[i]) {
                case 'n' -> {
                    if (!twoLetters) {
                        throw new BadDuration("invalid duration");
                    }
                    unit = "ns";
                    d += n;
                    i += 2;
                    continue;
                }
                case 'u', MICRO_SIGN -> d += n * NANOS_PER_MICRO;
                case 'm' -> {
                    if (twoLetters) {
                        unit = "ms";
                        d += n * NANOS_PER_MILLI;
                        i += 2;
                        continue;
                    }
                    d += n * NANOS_PER_MINUTE;
                }
                case 's' -> d += n * NANOS_PER_SECOND;
                case 'h' -> d += n * NANOS_PER_HOUR;
                case 'd' -> d += n * NANOS_PER_DAY;
                case 'w' -> d += n * NANOS_PER_WEEK;
                default -> throw new BadDuration("invalid duration");
            }
            i++;
        }
        if (d < 0 && !negative) {
            throw new BadDuration("overflowed duration " + measure + unit + ": choose a smaller duration or INF");
        }
        return negative ? -d : d;
    }

    /** influxql.FormatDuration: the largest whole unit, {@code u} for microseconds. */
    static String formatDuration(long d) {
        if (d == 0) {
            return "0s";
        }
        long[] units = {NANOS_PER_WEEK, NANOS_PER_DAY, NANOS_PER_HOUR, NANOS_PER_MINUTE, NANOS_PER_SECOND, NANOS_PER_MILLI,
            NANOS_PER_MICRO};
        String[] names = {"w", "d", "h", "m", "s", "ms", "u"};
        for (int i = 0; i < units.length; i++) {
            if (d % units[i] == 0) {
                return (d / units[i]) + names[i];
            }
        }
        return d + "ns";
    }

    /** Go's time.Duration.String(): {@code 1h0m0s}, {@code 1.5s}, {@code 2µs}. */
    static String goDuration(long d) {
        if (d == 0) {
            return "0s";
        }
        boolean neg = d < 0;
        long u = neg ? -d : d; // unsigned: Long.MIN_VALUE stays 2^63
        StringBuilder out = new StringBuilder();
        if (Long.compareUnsigned(u, NANOS_PER_SECOND) < 0) {
            int prec;
            String unit;
            if (u < NANOS_PER_MICRO) {
                prec = 0;
                unit = "ns";
            } else if (u < NANOS_PER_MILLI) {
                prec = 3;
                unit = "\u00b5s";
            } else {
                prec = 6;
                unit = "ms";
            }
            out.append(Long.toUnsignedString(Long.divideUnsigned(u, pow10(prec)))).append(frac(Long.remainderUnsigned(u, pow10(prec)), prec)).append(unit);
        } else {
            long seconds = Long.divideUnsigned(u, NANOS_PER_SECOND);
            String fraction = frac(Long.remainderUnsigned(u, NANOS_PER_SECOND), 9);
            long minutes = seconds / 60;
            long hours = minutes / 60;
            if (hours > 0) {
                out.append(hours).append('h');
            }
            if (minutes > 0) {
                out.append(minutes % 60).append('m');
            }
            out.append(seconds % 60).append(fraction).append('s');
        }
        return (neg ? "-" : "") + out;
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }

    /** Go's fmtFrac: ".123" without trailing zeros, "" when the fraction is zero. */
    private static String frac(long v, int prec) {
        if (v == 0 || prec == 0) {
            return "";
        }
        String digits = String.format("%0" + prec + "d", v).replaceAll("0+$", "");
        return "." + digits;
    }

    /** Go's strconv.FormatFloat(v, 'f', 3, 64): what NumberLiteral.String() prints. */
    static String formatFloat3(double v) {
        String s = new BigDecimal(v).setScale(3, RoundingMode.HALF_EVEN).toPlainString();
        return isNegativeZeroOrSmallNegative(v, s) ? "-" + s : s;
    }

    private static boolean isNegativeZeroOrSmallNegative(double v, String formatted) {
        return (Double.doubleToRawLongBits(v) < 0) && !formatted.startsWith("-");
    }

    /** Go's strconv.FormatFloat(v, 'f', -1, 64): the shortest decimal that reads back as {@code v}, no exponent. */
    static String formatFloatShortest(double v) {
        if (v == 0) {
            return Double.doubleToRawLongBits(v) < 0 ? "-0" : "0";
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /** Go's {@code %v} of a float64 (strconv 'g', shortest): exponent form below 1e-4 and from 1e6 up. */
    static String formatFloatV(double v) {
        if (v == 0) {
            return Double.doubleToRawLongBits(v) < 0 ? "-0" : "0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int nd = digits.length();
        int dp = nd - bd.scale();
        int exp = dp - 1;
        String sign = v < 0 ? "-" : "";
        if (exp < -4 || exp >= 6) {
            String mantissa = nd > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
            int e = Math.abs(exp);
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (e < 10 ? "0" : "") + e;
        }
        return sign + bd.toPlainString();
    }
}
