package io.influxha.gateway;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a write body with InfluxDB's max-body-size: a declared {@code Content-Length} above the
 * limit is refused before reading, and reading stops with 413 as soon as one byte more than the
 * limit arrived. A gzip body is bounded twice, compressed on the wire and decompressed in memory,
 * so a small gzip bomb cannot expand past the limit (1.8 bounds only the compressed size). Every
 * buffer growth is charged to the request's {@link MemoryBudget.Reservation} first.
 */
final class BodyReader {
    private static final int CHUNK = 64 << 10;
    private static final int GZIP_HEADER = 10;

    /** The body bytes are {@code bytes[0, length)}. */
    record Body(byte[] bytes, int length) {}

    private BodyReader() {}

    static Body read(InputStream wire, long contentLength, boolean gzip, long limit, MemoryBudget.Reservation budget) {
        if (contentLength > limit) {
            throw RejectedRequestException.tooLarge();
        }
        InputStream in = new BoundedInputStream(wire, limit);
        if (gzip) {
            in = openGzip(in);
        }
        long hint = contentLength > 0 && !gzip ? contentLength : CHUNK;
        try {
            return readAll(in, (int) Math.min(hint, limit + 1), limit, budget);
        } catch (RejectedRequestException e) {
            if (e.status() == 503) {
                drain(wire, limit);
            }
            throw e;
        }
    }

    /**
     * Reads and discards what is left of a body refused for a spent memory budget (at most
     * {@code limit} bytes, 8 KiB at a time), so the client reads the 503 and its Retry-After
     * rather than a connection reset while it is still sending.
     */
    private static void drain(InputStream wire, long limit) {
        byte[] scrap = new byte[8192];
        long left = limit;
        try {
            int n;
            while (left > 0 && (n = wire.read(scrap, 0, (int) Math.min(scrap.length, left))) > 0) {
                left -= n;
            }
        } catch (IOException e) {
            // the client went away: nothing left to answer
        }
    }

    /**
     * Checks the 10-byte gzip header as Go's gzip.NewReader does, for its wording: no byte at all
     * is {@code EOF}, a short header {@code unexpected EOF}, a wrong magic or method
     * {@code gzip: invalid header}.
     */
    private static InputStream openGzip(InputStream in) {
        try {
            PushbackInputStream peek = new PushbackInputStream(in, GZIP_HEADER);
            byte[] header = peek.readNBytes(GZIP_HEADER);
            if (header.length == 0) {
                throw RejectedRequestException.badRequest("EOF");
            }
            if (header.length < GZIP_HEADER) {
                throw RejectedRequestException.badRequest("unexpected EOF");
            }
            if ((header[0] & 0xff) != 0x1f || (header[1] & 0xff) != 0x8b || header[2] != 8) {
                throw RejectedRequestException.badRequest("gzip: invalid header");
            }
            peek.unread(header);
            return new GZIPInputStream(peek, CHUNK);
        } catch (BoundedInputStream.LimitExceededException e) {
            throw RejectedRequestException.tooLarge();
        } catch (EOFException e) {
            throw RejectedRequestException.badRequest("unexpected EOF");
        } catch (IOException e) {
            throw RejectedRequestException.badRequest("gzip: invalid header");
        }
    }

    private static Body readAll(InputStream in, int initial, long limit, MemoryBudget.Reservation budget) {
        budget.grow(initial);
        byte[] buf = new byte[Math.max(initial, 1)];
        int length = 0;
        try {
            while (true) {
                if (length == buf.length) {
                    // Full: usually the declared Content-Length was exact, so probe for the end
                    // before paying for a bigger buffer.
                    int probe = in.read();
                    if (probe < 0) {
                        break;
                    }
                    if (length + 1 > limit) {
                        throw RejectedRequestException.tooLarge();
                    }
                    int grown = (int) Math.min((long) buf.length * 2, limit + 1);
                    budget.grow(grown - buf.length);
                    buf = Arrays.copyOf(buf, grown);
                    buf[length++] = (byte) probe;
                    continue;
                }
                int n = in.read(buf, length, buf.length - length);
                if (n < 0) {
                    break;
                }
                length += n;
            }
        } catch (BoundedInputStream.LimitExceededException e) {
            throw RejectedRequestException.tooLarge();
        } catch (IOException e) {
            throw RejectedRequestException.badRequest(describe(e));
        }
        if (length > limit) {
            throw RejectedRequestException.tooLarge();
        }
        return new Body(buf, length);
    }

    /** Go's wording for the common failures, so clients matching on it keep working. */
    private static String describe(IOException e) {
        if (e instanceof EOFException) {
            return "unexpected EOF";
        }
        if (e instanceof ZipException) {
            String m = String.valueOf(e.getMessage());
            return m.contains("trailer") ? "gzip: invalid checksum" : "flate: corrupt input (" + m + ")";
        }
        return String.valueOf(e.getMessage());
    }

    /** Fails once more than {@code limit} bytes were read from the wire. */
    private static final class BoundedInputStream extends InputStream {
        static final class LimitExceededException extends IOException {
            LimitExceededException() {
                super("body exceeds max_body_size");
            }
        }

        private final InputStream in;
        private long remaining;

        BoundedInputStream(InputStream in, long limit) {
            this.in = in;
            this.remaining = limit + 1;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
                if (remaining <= 0) {
                    throw new LimitExceededException();
                }
            }
            return n;
        }
    }
}
