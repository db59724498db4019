package io.influxha.core.lp;

/**
 * Where a line ends, exactly as 1.8's scanLine decides it: after the first unescaped space a
 * double quote at a field value position opens or closes a string, and a newline inside a string
 * does not end the line. Used to skip an invalid line the way InfluxDB would, and by writers to
 * split a record value into lines.
 */
public final class LineSplitter {
    private LineSplitter() {}

    /** Returns the index of the newline that ends the line starting at {@code i}, or {@code end}. */
    public static int lineEnd(byte[] buf, int i, int end) {
        boolean quoted = false;
        boolean fields = false;
        int equals = 0;
        int commas = 0;
        while (i < end) {
            byte c = buf[i];
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == ' ') {
                fields = true;
            }
            if (fields) {
                if (!quoted && c == '=') {
                    equals++;
                } else if (!quoted && c == ',') {
                    commas++;
                } else if (c == '"' && equals > commas) {
                    quoted = !quoted;
                }
            }
            if (c == '\n' && !quoted) {
                return i;
            }
            i++;
        }
        return end;
    }
}
