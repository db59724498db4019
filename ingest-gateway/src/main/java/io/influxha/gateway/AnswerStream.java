package io.influxha.gateway;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.influxha.gateway.query.MergedResult;
import io.influxha.gateway.query.QueryRouter;
import io.influxha.gateway.query.ResultWriter;
import io.influxha.gateway.query.StreamedRead;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The response to a query run statement by statement. Results the gateway holds whole (DDL,
 * refusals, merged lists) are kept until the response must start, so that a failure before any
 * byte is out still answers as a failed request does (a backend's status, 504). The response
 * starts with the first streamed statement, whose rows are never held, or once the held results
 * were read from more than {@code gateway.max_merge_size} of backend answers, or at the end; its
 * headers name the replicas of the statements answered by then. A streamed statement that breaks
 * off after bytes are out ends in an error chunk when chunked; any other answer is cut (the
 * connection aborted, no last chunk), so that no client takes part of an answer for all of it.
 */
final class AnswerStream {
    private static final Logger log = LoggerFactory.getLogger(AnswerStream.class);

    private final Context ctx;
    private final ResultWriter.Format format;
    private final long holdLimit;
    private final List<Consumer<ResultWriter>> held = new ArrayList<>();
    private final List<String> backends = new ArrayList<>();
    private final List<String> lags = new ArrayList<>();
    private long heldBytes;
    private ResultWriter writer;
    private boolean cut;

    AnswerStream(Context ctx, ResultWriter.Format format, long holdLimit) {
        this.ctx = ctx;
        this.format = format;
        this.holdLimit = holdLimit;
    }

    /** True once the status and headers are gone: failures can only be told in the body now. */
    boolean started() {
        return writer != null;
    }

    /** True when the response was cut: nothing more can be written. */
    boolean cut() {
        return cut;
    }

    static ObjectNode error(int statementId, String error) {
        return JsonNodeFactory.instance.objectNode().put("statement_id", statementId).put("error", error);
    }

    /** A result the gateway assembled itself. @return whether it is an error */
    boolean add(ObjectNode result) {
        hold(w -> w.result(result), 0);
        return result.has("error");
    }

    /** A result merged from whole answers ({@code answer}'s, filtered for the user). @return whether it is an error */
    boolean add(int statementId, QueryRouter.Answer answer, MergedResult result) {
        answered(answer.backendHeader(), answer.lagHeader());
        hold(w -> result.writeTo(w, statementId), result.bytesRead());
        return result.error() != null;
    }

    /** Writes a streamed read; starts the response unless it failed first. @return whether it failed */
    boolean stream(int statementId, StreamedRead read) {
        answered(read.backendHeader(), read.lagHeader());
        if (read.error() != null) {
            return add(error(statementId, read.error()));
        }
        try (read) {
            start();
            String brokeOff = read.writeTo(writer, statementId);
            if (brokeOff != null && !writer.fail(statementId, brokeOff)) {
                abort(new IOException(brokeOff));
            }
            return brokeOff != null;
        } catch (UncheckedIOException e) {
            clientGone(e);
            return true;
        }
    }

    /** Writes what is held, starting the response if needed, and ends the answer. */
    void finish() {
        if (cut) {
            return;
        }
        try {
            start();
            writer.finish();
        } catch (UncheckedIOException e) {
            clientGone(e);
        }
    }

    private void answered(String backend, String lag) {
        if (!backend.isEmpty() && !started()) {
            backends.add(backend);
            lags.add(lag);
        }
    }

    private void hold(Consumer<ResultWriter> write, long bytes) {
        if (cut) {
            return;
        }
        try {
            if (started()) {
                write.accept(writer);
                return;
            }
            held.add(write);
            heldBytes += bytes;
            if (heldBytes > holdLimit) {
                start();
            }
        } catch (UncheckedIOException e) {
            clientGone(e);
        }
    }

    private void start() {
        if (writer != null) {
            return;
        }
        if (!backends.isEmpty()) {
            ctx.header(QueryStream.BACKEND_HEADER, String.join(",", backends));
            ctx.header(QueryStream.LAG_HEADER, String.join(",", lags));
        }
        ctx.status(200).contentType(format.contentType());
        try {
            writer = ResultWriter.of(format, ctx.res().getOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        held.forEach(w -> w.accept(writer));
        held.clear();
    }

    private void clientGone(UncheckedIOException e) {
        log.debug("event=query_client_gone error=\"{}\"", e.getCause() == null ? e.toString() : e.getCause().toString());
        abort(e);
    }

    /**
     * Aborts the connection: the client sees the answer end without its last chunk. What is
     * buffered is sent first, so that the status is out and the cut cannot become an error page.
     */
    private void abort(Exception cause) {
        cut = true;
        try {
            ctx.res().flushBuffer();
        } catch (IOException e) {
            // the client is gone already: aborting is all that is left
        }
        ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
        if (request == null) {
            throw new UncheckedIOException(new IOException("cannot abort the response", cause));
        }
        request.getConnectionMetaData().getConnection().getEndPoint().close(cause);
    }
}
