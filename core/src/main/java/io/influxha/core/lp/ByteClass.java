package io.influxha.core.lp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

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

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private ByteClass() {}

    /**
     * Index of the first {@link #NAME_SPECIAL} byte at or after {@code i}, or {@code end}. Reads
     * eight bytes at a time (SWAR): names are the longest plain runs of a line.
     */
    static int nextNameSpecial(byte[] b, int i, int end) {
        while (i + 8 <= end) {
            long w = (long) LONGS.get(b, i);
            long hit = zeroByte(w ^ (ONES * ',')) | zeroByte(w ^ (ONES * ' ')) | zeroByte(w ^ (ONES * '='))
                    | zeroByte(w ^ (ONES * '\\')) | zeroByte(w ^ (ONES * '\n'));
            if (hit != 0) {
                return i + (Long.numberOfTrailingZeros(hit) >>> 3);
            }
            i += 8;
        }
        while (i < end && (TABLE[b[i] & 0xFF] & NAME_SPECIAL) == 0) {
            i++;
        }
        return i;
    }

    /** High bit set in the lowest zero byte of {@code x} (bits above it may be false positives). */
    private static long zeroByte(long x) {
        return (x - ONES) & ~x & HIGHS;
    }

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
