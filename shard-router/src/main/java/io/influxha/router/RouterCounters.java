package io.influxha.router;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the router has done since it started, for the demo and the status page. Under
 * exactly-once a retried (aborted) transaction is counted again, so these are upper bounds.
 */
final class RouterCounters {
    final LongAdder records = new LongAdder();
    final LongAdder points = new LongAdder();
    final LongAdder rejectedLines = new LongAdder();
    final LongAdder ddl = new LongAdder();
}
