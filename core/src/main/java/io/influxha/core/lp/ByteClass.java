package io.influxha.core.lp;

/** One table lookup instead of a chain of comparisons per byte in the scanner's hot loops. */
final class ByteClass {
    /** Bytes that may end or escape a name: backslash, comma, space, equals, newline. */
    static final byte NAME_SPECIAL = 1;
    /** Bytes that may end an unquoted field value or a timestamp: comma, space, newline, CR. */
    static final byte VALUE_END = 2;

    private static final byte[] TABLE = new byte[256];

    static {
        for (char c : new char[] {'\\', ',', ' ', '=', '\n'}) {
            TABLE[c] |= NAME_SPECIAL;
        }
        for (char c : new char[] {',', ' ', '\n', '\r'}) {
            TABLE[c] |= VALUE_END;
        }
    }

    private ByteClass() {}

    static boolean is(byte b, byte mask) {
        return (TABLE[b & 0xFF] & mask) != 0;
    }

    /**
     * 1.8's escape rule in measurement and tags ("the byte after a backslash is escaped"): from a
     * backslash at {@code i}, skips the run of backslashes and the one byte they escape (never a
     * newline, which always ends the line there).
     */
    static int skipEscaped(byte[] b, int i, int end) {
        i++;
        while (i < end && b[i] == '\\') {
            i++;
        }
        if (i < end && b[i] != '\n') {
            i++;
        }
        return i;
    }
}
