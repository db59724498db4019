package io.influxha.core.lp;

import java.util.Arrays;

/**
 * Scans a tag set as 1.8's scanTags does (a byte is escaped when the byte before it is a
 * backslash) and rejects a key written twice ("duplicate tags"). Keys are compared as written.
 */
final class TagSet {
    private static final int QUADRATIC_LIMIT = 64;
    private int[] keyStart = new int[16];
    private int[] keyEnd = new int[16];
    private int count;

    /** @param i index just after the comma that ends the measurement; returns the series end */
    int scan(LineScanner s, int i) {
        byte[] buf = s.buf;
        int end = s.end;
        count = 0;
        while (true) {
            if (i >= end || buf[i] == ' ' || buf[i] == ',' || buf[i] == '=' || buf[i] == '\n') {
                return s.fail("missing tag key", i);
            }
            int ks = i;
            i = buf[i] == '\\' ? ByteClass.skipEscaped(buf, i, end) : i + 1;
            while (true) {
                if (i >= end) {
                    return s.fail("missing tag value", i);
                }
                i = ByteClass.nextNameSpecial(buf, i, end);
                if (i >= end) {
                    return s.fail("missing tag value", i);
                }
                byte c = buf[i];
                if (c == '\\') {
                    i = ByteClass.skipEscaped(buf, i, end);
                } else if (c == '=') {
                    break;
                } else {
                    return s.fail("missing tag value", i);
                }
            }
            add(ks, i);
            i = scanValue(s, i + 1);
            if (i < 0) {
                return -1;
            }
            if (buf[i] == ' ') {
                int duplicate = duplicateKey(buf);
                return duplicate < 0 ? i : s.fail("duplicate tags", keyStart[duplicate]);
            }
            i++;
        }
    }

    /** Returns the index of the comma or space that ends the value. */
    private static int scanValue(LineScanner s, int i) {
        byte[] buf = s.buf;
        int end = s.end;
        if (i >= end || buf[i] == ',' || buf[i] == ' ' || buf[i] == '\n') {
            return s.fail("missing tag value", i);
        }
        i = buf[i] == '\\' ? ByteClass.skipEscaped(buf, i, end) : i + 1;
        while (true) {
            if (i >= end) {
                return s.fail("missing fields", i);
            }
            i = ByteClass.nextNameSpecial(buf, i, end);
            if (i >= end) {
                return s.fail("missing fields", i);
            }
            byte c = buf[i];
            if (c == '\\') {
                i = ByteClass.skipEscaped(buf, i, end);
            } else if (c == '\n') {
                return s.fail("missing fields", i);
            } else if (c == '=') {
                return s.fail("invalid tag format", i);
            } else {
                return i;
            }
        }
    }

    private void add(int start, int endExclusive) {
        if (count == keyStart.length) {
            keyStart = Arrays.copyOf(keyStart, count * 2);
            keyEnd = Arrays.copyOf(keyEnd, count * 2);
        }
        keyStart[count] = start;
        keyEnd[count] = endExclusive;
        count++;
    }

    /** Index of the first key that repeats an earlier one, or -1. */
    private int duplicateKey(byte[] buf) {
        if (count > QUADRATIC_LIMIT) {
            return duplicateByHashing(buf);
        }
        for (int a = 1; a < count; a++) {
            for (int b = 0; b < a; b++) {
                if (keyEnd[a] - keyStart[a] == keyEnd[b] - keyStart[b] && buf[keyStart[a]] == buf[keyStart[b]]
                        && Arrays.equals(buf, keyStart[a], keyEnd[a], buf, keyStart[b], keyEnd[b])) {
                    return a;
                }
            }
        }
        return -1;
    }

    /** Rare path (more than 64 tags on one line): allocation is acceptable here. */
    private int duplicateByHashing(byte[] buf) {
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        for (int k = 0; k < count; k++) {
            String key = new String(buf, keyStart[k], keyEnd[k] - keyStart[k], java.nio.charset.StandardCharsets.ISO_8859_1);
            if (seen.putIfAbsent(key, k) != null) {
                return k;
            }
        }
        return -1;
    }
}
