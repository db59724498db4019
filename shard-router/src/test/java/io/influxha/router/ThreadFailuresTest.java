package io.influxha.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class ThreadFailuresTest {
    private final AtomicLong now = new AtomicLong();
    private final ThreadFailures failures = new ThreadFailures(now::get);

    private static StreamsException commitFailedAfterBrokerRestart() {
        return new StreamsException("Error encountered trying to commit a transaction",
                new InvalidTxnStateException("The producer attempted a transactional operation in an invalid state."));
    }

    @Test
    void a_transaction_aborted_by_a_restarted_broker_replaces_the_thread() {
        assertThat(failures.decide(commitFailedAfterBrokerRestart())).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }

    @Test
    void a_bug_in_the_routing_code_stops_the_router() {
        StreamsException bug = new StreamsException("Exception caught in process", new NullPointerException("x"));
        assertThat(failures.decide(bug)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    @Test
    void a_corrupt_record_stops_the_router() {
        StreamsException corrupt = new StreamsException("Deserialization exception handler is set to fail",
                new SerializationException("bad bytes"));
        assertThat(failures.decide(corrupt)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    @Test
    void a_kafka_failure_repeating_too_often_stops_the_router_and_the_budget_recovers_with_time() {
        for (int i = 0; i < ThreadFailures.MAX_REPLACEMENTS; i++) {
            assertThat(failures.decide(commitFailedAfterBrokerRestart())).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        }
        assertThat(failures.decide(commitFailedAfterBrokerRestart())).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        now.addAndGet(ThreadFailures.WINDOW_NANOS + 1);
        assertThat(failures.decide(commitFailedAfterBrokerRestart())).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }
}
