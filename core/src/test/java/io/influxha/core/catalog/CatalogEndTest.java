package io.influxha.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** "Read up to an end observed since T", shared by every reader, with lookups counted through the seam. */
class CatalogEndTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long WAIT_NANOS = 30 * SECOND;

    private final AtomicLong topicEnd = new AtomicLong();
    private final AtomicInteger calls = new AtomicInteger();
    private final CatalogEnd end = new CatalogEnd(timeout -> {
        calls.incrementAndGet();
        return topicEnd.get();
    });
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        end.close();
        pool.shutdownNow();
    }

    private static long deadline() {
        return System.nanoTime() + WAIT_NANOS;
    }

    @Test
    void an_observation_of_the_tail_read_up_to_answers_at_once_without_a_lookup() throws Exception {
        long now = System.nanoTime();
        end.observed(7, now);
        end.read(7);

        assertThat(end.awaitReadToEndSince(now - SECOND, deadline())).isTrue();
        assertThat(end.readToEndSince(now - SECOND)).isTrue();
        assertThat(calls).hasValue(0);
        assertThat(end.lookups()).isZero();
    }

    @Test
    void an_observation_older_than_asked_is_refreshed_by_one_lookup_then_shared() throws Exception {
        long t0 = System.nanoTime();
        end.observed(7, t0 - 5 * SECOND);
        end.read(7);
        topicEnd.set(7);

        assertThat(end.readToEndSince(t0)).isFalse();
        assertThat(end.awaitReadToEndSince(t0, deadline())).isTrue();
        assertThat(end.awaitReadToEndSince(t0, deadline())).as("the lookup made since t0 serves again").isTrue();
        assertThat(end.lookups()).isEqualTo(1);

        assertThat(end.awaitReadToEndSince(System.nanoTime(), deadline())).as("asked for a later one").isTrue();
        assertThat(end.lookups()).isEqualTo(2);
    }

    @Test
    void a_reader_waits_until_the_tail_has_read_up_to_the_end_looked_up() throws Exception {
        topicEnd.set(12);
        end.read(10);
        CompletableFuture<Boolean> answer = CompletableFuture.supplyAsync(() -> await(System.nanoTime()), pool);

        end.read(12);

        assertThat(answer.get(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void the_deadline_passes_when_the_tail_stays_behind() throws Exception {
        topicEnd.set(12);
        end.read(3);

        assertThat(end.awaitReadToEndSince(System.nanoTime(), System.nanoTime() + 50_000_000L)).isFalse();
    }

    @Test
    void concurrent_readers_share_the_one_lookup_in_flight() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CatalogEnd slow = new CatalogEnd(timeout -> {
            calls.incrementAndGet();
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 4;
        });
        slow.read(4);
        long since = System.nanoTime() - 60 * SECOND;
        List<CompletableFuture<Boolean>> answers = new ArrayList<>();
        answers.add(CompletableFuture.supplyAsync(() -> await(slow, since), pool));
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 50; i++) {
            answers.add(CompletableFuture.supplyAsync(() -> await(slow, since), pool));
        }

        release.countDown();

        for (CompletableFuture<Boolean> a : answers) {
            assertThat(a.get(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(calls).hasValue(1);
        assertThat(slow.lookups()).isEqualTo(1);
        slow.close();
    }

    @Test
    void a_failed_lookup_answers_false_and_the_next_reader_looks_up_again() throws Exception {
        AtomicInteger failures = new AtomicInteger(1);
        CatalogEnd flaky = new CatalogEnd(timeout -> {
            calls.incrementAndGet();
            if (failures.getAndDecrement() > 0) {
                throw new IllegalStateException("broker down");
            }
            return 0;
        });

        assertThat(flaky.awaitReadToEndSince(System.nanoTime(), deadline())).isFalse();
        assertThat(flaky.awaitReadToEndSince(System.nanoTime(), deadline())).isTrue();
        assertThat(calls).hasValue(2);
        flaky.close();
    }

    @Test
    void a_later_observation_of_the_tail_is_kept_an_earlier_one_is_not() {
        long now = System.nanoTime();
        end.observed(9, now);
        end.observed(5, now - SECOND);
        end.read(5);

        assertThat(end.readToEndSince(now)).as("the end is still 9").isFalse();
        end.read(9);
        assertThat(end.readToEndSince(now)).isTrue();
    }

    @Test
    void closing_releases_waiting_readers() throws Exception {
        topicEnd.set(12);
        CompletableFuture<Boolean> answer = CompletableFuture.supplyAsync(() -> await(System.nanoTime()), pool);
        end.close();

        assertThat(answer.get(30, TimeUnit.SECONDS)).isFalse();
        assertThat(end.awaitReadToEndSince(System.nanoTime(), deadline())).isFalse();
    }

    private boolean await(long since) {
        return await(end, since);
    }

    private static boolean await(CatalogEnd e, long since) {
        try {
            return e.awaitReadToEndSince(since, deadline());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
