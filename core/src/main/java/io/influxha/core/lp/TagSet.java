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
            while (true) {
                i++;
                if (i >= end || buf[i] == '\n') {
                    return s.fail("missing tag value", i);
                }
                byte c = buf[i];
                if ((c == ' ' || c == ',') && buf[i - 1] != '\\') {
                    return s.fail("missing tag value", i);
                }
                if (c == '=' && buf[i - 1] != '\\') {
                    break;
                }
            }
            add(ks, i);
            i = scanValue(s, i + 1);
            if (i < 0) {
                return -1;
            }
            if (buf[i] == ' ') {
                return unique(buf) ? i : s.fail("duplicate tags", i);
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
        while (true) {
            i++;
            if (i >= end || buf[i] == '\n') {
                return s.fail("missing fields", i);
            }
            if (buf[i - 1] == '\\') {
                continue;
            }
            byte c = buf[i];
            if (c == '=') {
                return s.fail("invalid tag format", i);
            }
            if (c == ',' || c == ' ') {
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

    private boolean unique(byte[] buf) {
        if (count > QUADRATIC_LIMIT) {
            return uniqueBySorting(buf);
        }
        for (int a = 1; a < count; a++) {
            for (int b = 0; b < a; b++) {
                if (Arrays.equals(buf, keyStart[a], keyEnd[a], buf, keyStart[b], keyEnd[b])) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Rare path (more than 64 tags on one line): allocation is acceptable here. */
    private boolean uniqueBySorting(byte[] buf) {
        String[] keys = new String[count];
        for (int k = 0; k < count; k++) {
            keys[k] = new String(buf, keyStart[k], keyEnd[k] - keyStart[k], java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        Arrays.sort(keys);
        for (int k = 1; k < count; k++) {
            if (keys[k].equals(keys[k - 1])) {
                return false;
            }
        }
        return true;
    }
}
