package io.influxha.core.lp;

import java.nio.charset.StandardCharsets;

/**
 * Numeric field values as 1.8's scanNumber: floats (with exponents), integers with {@code i}
 * (int64 range checked) and unsigned with {@code u}, which 1.8 rejects by default
 * ({@code enableUint64Support = false}) as "invalid number", and so do we. NaN and Inf never
 * pass. Range checks allocate only for floats of 309 or more integer digits.
 */
final class NumberScanner {
    private final LineScanner s;

    NumberScanner(LineScanner s) {
        this.s = s;
    }

    int scan(int start) {
        byte[] buf = s.buf;
        int i = start;
        if (buf[i] == '-') {
            i++;
            if (s.atLineEnd(i)) {
                return s.fail("invalid number", i);
            }
        }
        boolean isInt = false;
        boolean isUnsigned = false;
        boolean decimal = false;
        boolean scientific = false;
        final int end = s.end;
        while (i + 8 <= end && ByteClass.allDigits(ByteClass.word(buf, i))) {
            i += 8;
        }
        for (; i < end; i++) {
            byte c = buf[i];
            if (c >= '0' && c <= '9') {
                continue;
            }
            if (ByteClass.is(c, ByteClass.VALUE_END) && (c != '\r' || s.atLineEnd(i))) {
                break;
            }
            if ((c == 'i' || c == 'u') && i > start && !(isInt || isUnsigned)) {
                isInt = c == 'i';
                isUnsigned = c == 'u';
                continue;
            }
            if (c == '.') {
                if (decimal) {
                    return s.fail("invalid number", i);
                }
                decimal = true;
                continue;
            }
            if (i > start && (c == 'e' || c == 'E')) {
                scientific = true;
                continue;
            }
            if ((c == '+' || c == '-') && (buf[i - 1] == 'e' || buf[i - 1] == 'E')) {
                continue;
            }
            return s.fail("invalid number", i);
        }
        if ((isInt || isUnsigned) && (decimal || scientific)) {
            return s.fail("invalid number", start);
        }
        int digits = i - start - (isInt ? 1 : 0) - (decimal ? 1 : 0) - (buf[start] == '-' ? 1 : 0);
        if (digits == 0 || isUnsigned) {
            return s.fail("invalid number", start);
        }
        if (isInt) {
            return checkInteger(start, i);
        }
        if (scientific || i - start >= 25) {
            return checkFloat(start, i);
        }
        return i;
    }

    private int checkInteger(int start, int end) {
        byte[] buf = s.buf;
        if (buf[end - 1] != 'i') {
            return s.fail("invalid number", start);
        }
        if (end - 1 - start < 19) {
            return end; // at most 18 digits (and a sign) always fit, as 1.8 assumes too
        }
        boolean negative = buf[start] == '-';
        long acc = 0;
        for (int k = negative ? start + 1 : start; k < end - 1; k++) {
            int d = buf[k] - '0';
            if (acc < (Long.MIN_VALUE + d) / 10) {
                return integerOutOfRange(start, end);
            }
            acc = acc * 10 - d;
        }
        if (!negative && acc == Long.MIN_VALUE) {
            return integerOutOfRange(start, end);
        }
        return end;
    }

    private int integerOutOfRange(int start, int end) {
        String text = new String(s.buf, start, end - 1 - start, StandardCharsets.UTF_8);
        return s.fail("unable to parse integer " + text + ": strconv.ParseInt: parsing \"" + text
                + "\": value out of range", start);
    }

    /**
     * What Go's ParseFloat would reject: a malformed exponent form ({@code 1e}, {@code 1e5.5},
     * {@code .e3}) or a value beyond float64 range (its magnitude, 10^exp, exceeds ~1.8e308).
     */
    private int checkFloat(int start, int end) {
        byte[] buf = s.buf;
        int i = buf[start] == '-' ? start + 1 : start;
        int mantissaDigits = 0;
        int firstNonZeroExp = Integer.MIN_VALUE; // decimal exponent of the leading significant digit
        int intDigits = 0;
        boolean afterPoint = false;
        int fractionPos = 0;
        for (; i < end && buf[i] != 'e' && buf[i] != 'E'; i++) {
            byte c = buf[i];
            if (c == '.') {
                if (afterPoint) {
                    return s.fail("invalid float", start);
                }
                afterPoint = true;
                continue;
            }
            if (c < '0' || c > '9') {
                return s.fail("invalid float", start);
            }
            mantissaDigits++;
            if (afterPoint) {
                fractionPos++;
            } else {
                intDigits++;
            }
            if (c != '0' && firstNonZeroExp == Integer.MIN_VALUE) {
                firstNonZeroExp = afterPoint ? -fractionPos : intDigits;
            }
        }
        if (mantissaDigits == 0) {
            return s.fail("invalid float", start);
        }
        long exponent = 0;
        if (i < end) {
            i++;
            boolean negExp = false;
            if (i < end && (buf[i] == '+' || buf[i] == '-')) {
                negExp = buf[i] == '-';
                i++;
            }
            if (i >= end) {
                return s.fail("invalid float", start);
            }
            for (; i < end; i++) {
                int d = buf[i] - '0';
                if (d < 0 || d > 9) {
                    return s.fail("invalid float", start);
                }
                exponent = Math.min(exponent * 10 + d, 1_000_000_000L);
            }
            exponent = negExp ? -exponent : exponent;
        }
        return checkFloatRange(start, end, firstNonZeroExp, intDigits, exponent);
    }

    private int checkFloatRange(int start, int end, int firstNonZeroExp, int intDigits, long exponent) {
        if (firstNonZeroExp == Integer.MIN_VALUE) {
            return end; // zero; underflow is not an error in Go either
        }
        // the leading digit's position relative to the point: intDigits-k for integer digits
        long magnitude = (firstNonZeroExp > 0 ? intDigits - firstNonZeroExp : firstNonZeroExp) + exponent;
        if (magnitude < 308) {
            return end;
        }
        if (magnitude == 308) {
            double v = Double.parseDouble(new String(s.buf, start, end - start, StandardCharsets.US_ASCII));
            if (!Double.isInfinite(v)) {
                return end;
            }
        }
        return s.fail("invalid float", start);
    }
}
