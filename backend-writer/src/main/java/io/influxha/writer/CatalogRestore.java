package io.influxha.writer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.influxha.core.catalog.CatalogEntry;
import io.influxha.core.catalog.CatalogTail;
import io.influxha.core.catalog.ShowDatabases;
import io.influxha.writer.BackendResponse.Decision;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once at start, gives a backend every database (with its retention policies) that the catalog
 * holds and the backend lacks: a replica rebuilt from scratch after the shard topics' markers
 * expired still gets its schema, including databases no retained record writes to. Runs on its
 * own thread until it succeeded once, retrying with capped backoff while the backend is down.
 */
final class CatalogRestore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CatalogRestore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_WAIT_MILLIS = 30_000;

    private final CatalogTail tail;
    private final BackendClient client;
    private final String backend;
    private final Thread thread;
    private volatile boolean closing;

    private CatalogRestore(CatalogTail tail, BackendClient client, String backend) {
        this.tail = tail;
        this.client = client;
        this.backend = backend;
        this.thread = new Thread(this::run, "catalog-restore-" + backend);
        thread.setDaemon(true);
    }

    static CatalogRestore start(CatalogTail tail, BackendClient client, String backend) {
        CatalogRestore r = new CatalogRestore(tail, client, backend);
        r.thread.start();
        return r;
    }

    private void run() {
        long waitMillis = 500;
        while (!closing) {
            try {
                if (tail.awaitCaughtUp(System.nanoTime() + TimeUnit.SECONDS.toNanos(30)) && restoreOnce()) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | ExecutionException e) {
                log.warn("event=catalog_restore_retry backend={} error=\"{}\"", backend, e.toString());
            }
            synchronized (this) {
                try {
                    wait(waitMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
            waitMillis = Math.min(MAX_WAIT_MILLIS, waitMillis * 2);
        }
    }

    /** @return true when every catalog database is on the backend now */
    private boolean restoreOnce() throws InterruptedException, ExecutionException {
        Reply shown = client.query("", "SHOW DATABASES").get();
        if (shown.classify().decision() != Decision.SUCCESS) {
            log.warn("event=catalog_restore_retry backend={} reason=\"{}\"", backend, shown.classify().reason());
            return false;
        }
        Set<String> present = databases(shown.body());
        boolean all = true;
        for (CatalogEntry db : tail.catalog().databases()) {
            if (present.contains(db.db()) || closing) {
                continue;
            }
            boolean restored = true;
            for (String statement : tail.catalog().recreate(db.db())) {
                Reply r = client.query(db.db(), statement).get();
                Decision d = r.classify().decision();
                if (d == Decision.RETRY || d == Decision.MISCONFIGURED) {
                    restored = false; // the whole database again on the next round
                    break;
                }
                if (d != Decision.SUCCESS) {
                    log.error("event=catalog_statement_rejected backend={} db={} statement=\"{}\" reason=\"{}\"", backend, db.db(),
                            statement, r.classify().reason());
                }
            }
            if (restored) {
                log.info("event=database_restored_from_catalog backend={} db={}", backend, db.db());
            }
            all &= restored;
        }
        return all;
    }

    static Set<String> databases(String body) {
        try {
            return ShowDatabases.addNames(JSON.readTree(body), new HashSet<>());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("SHOW DATABASES answered something that is not JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closing = true;
        synchronized (this) {
            notifyAll();
        }
    }

}
