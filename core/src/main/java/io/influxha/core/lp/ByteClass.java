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

    /** The eight bytes at {@code i} (little-endian: the first byte is the lowest). */
    static long word(byte[] b, int i) {
        return (long) LONGS.get(b, i);
    }

    /** True when all eight bytes of {@code w} are ASCII digits (a carry only comes from a non-digit). */
    static boolean allDigits(long w) {
        return ((w & 0xF0F0F0F0F0F0F0F0L) | (((w + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) >>> 4))
                == 0x3333333333333333L;
    }

    /** The value of eight ASCII digits read by {@link #word}, first byte most significant. */
    static long eightDigits(long w) {
        w = ((w & 0x0F0F0F0F0F0F0F0FL) * 2561) >>> 8;
        w = ((w & 0x00FF00FF00FF00FFL) * 6553601) >>> 16;
        return ((w & 0x0000FFFF0000FFFFL) * 42949672960001L) >>> 32;
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
