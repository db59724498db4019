package io.influxha.gateway.query;

import io.influxha.core.config.DataSize;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code gateway.max_merge_size} for one statement: counts the bytes read from every backend
 * answering it, and stops the read that passes the limit. Counting what is read, not what is held,
 * keeps the check exact and cheap; what is held from it is bounded by {@link MergedResult}'s form.
 */
final class MergeLimit {
    private final DataSize limit;
    private long read;

    MergeLimit(DataSize limit) {
        this.limit = limit;
    }

    /** Thrown by the read that passes the limit: nothing more is read from that backend. */
    static final class Exceeded extends IOException {
        Exceeded(DataSize limit) {
            super("influx-ha: the merged answer of this statement is larger than gateway.max_merge_size (" + limit.format()
                    + "): narrow it (LIMIT, a WHERE on time, fewer measurements) or raise the setting");
        }
    }

    long read() {
        return read;
    }

    /** {@code in}, counted against the limit. */
    InputStream count(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                add(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                add(Math.max(n, 0));
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n);
                add(skipped);
                return skipped;
            }
        };
    }

    private void add(long bytes) throws Exceeded {
        read += bytes;
        if (read > limit.bytes()) {
            throw new Exceeded(limit);
        }
    }
}
