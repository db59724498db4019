package io.influxha.launcher;

import io.influxha.core.Bootstrap;
import io.influxha.core.CommandLine;
import io.influxha.core.RecordHeaders;
import io.influxha.core.Startup;
import io.influxha.core.StartupException;
import io.influxha.core.config.InfluxHaConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;

/**
 * {@code dlq list|replay -c FILE [--backend NAME] [--reason TEXT] [--since WHEN] [--until WHEN]}.
 * {@code list} prints each matching dead letter (where from, why, its lines); {@code replay}
 * republishes each matching one to the ingest topic, so it goes through the normal path again
 * (router, every replica of its shard). Points carry the timestamps the gateway gave them, so
 * replaying a point a replica already holds stores it once.
 */
final class DlqMain {
    static final String USAGE = "usage: influx-ha dlq list|replay -c FILE [--backend NAME] [--reason TEXT] [--since WHEN] [--until WHEN]";
    private static final Set<String> OPTIONS = Set.of("--config", "--backend", "--reason", "--since", "--until");

    private DlqMain() {}

    static void main(String[] args) {
        if (args.length == 0 || !(args[0].equals("list") || args[0].equals("replay"))) {
            System.err.println("influx-ha: dlq needs list or replay\n" + USAGE);
            System.exit(2);
        }
        try {
            CommandLine line = CommandLine.parse(Arrays.copyOfRange(args, 1, args.length), OPTIONS);
            InfluxHaConfig config = Startup.config(line.config());
            DeadLetterFilter filter = DeadLetterFilter.of(line, System.currentTimeMillis());
            String bootstrap = bootstrap(config);
            long n = args[0].equals("list") ? list(config, bootstrap, filter) : replay(config, bootstrap, filter);
            System.out.println((args[0].equals("list") ? "listed " : "replayed ") + n + " dead letter" + (n == 1 ? "" : "s"));
            System.exit(0);
        } catch (StartupException e) {
            System.err.println("influx-ha: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
        } catch (RuntimeException e) {
            System.err.println("influx-ha: dlq " + args[0] + " failed: " + e.getMessage());
            System.exit(1);
        }
    }

    private static long list(InfluxHaConfig config, String bootstrap, DeadLetterFilter filter) {
        long[] n = {0};
        try (DeadLetterReader reader = new DeadLetterReader(config, bootstrap)) {
            reader.read(filter.sinceMs(), r -> {
                if (filter.matches(r)) {
                    n[0]++;
                    String backend = RecordHeaders.get(r.headers(), RecordHeaders.DLQ_BACKEND);
                    System.out.printf("dead_letter=%s/%d/%d time=%s backend=%s db=%s rp=%s source=%s/%s/%s reason=\"%s\"%n",
                            r.topic(), r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()),
                            backend.isEmpty() ? DeadLetterFilter.ROUTER : backend,
                            RecordHeaders.get(r.headers(), RecordHeaders.DB), RecordHeaders.get(r.headers(), RecordHeaders.RP),
                            RecordHeaders.get(r.headers(), RecordHeaders.DLQ_SOURCE_TOPIC),
                            RecordHeaders.get(r.headers(), RecordHeaders.DLQ_SOURCE_PARTITION),
                            RecordHeaders.get(r.headers(), RecordHeaders.DLQ_SOURCE_OFFSET),
                            RecordHeaders.get(r.headers(), RecordHeaders.DLQ_REASON).replace("\n", "; "));
                    String value = r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8);
                    value.lines().forEach(l -> System.out.println("  " + l));
                }
            });
        }
        return n[0];
    }

    private static long replay(InfluxHaConfig config, String bootstrap, DeadLetterFilter filter) {
        try (DeadLetterReader reader = new DeadLetterReader(config, bootstrap);
             DeadLetterReplay replay = new DeadLetterReplay(config, bootstrap)) {
            reader.read(filter.sinceMs(), r -> {
                if (filter.matches(r)) {
                    replay.send(r);
                }
            });
            return replay.awaitAcknowledged();
        }
    }

    private static String bootstrap(InfluxHaConfig config) {
        try {
            return Bootstrap.resolve(config);
        } catch (IllegalStateException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }
}
