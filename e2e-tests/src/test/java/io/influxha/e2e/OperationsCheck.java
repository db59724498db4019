package io.influxha.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.influxd.InfluxdProcess;
import io.influxha.testkit.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operator's tools against the running processes: a poison point written between good ones
 * ends in the dead-letter topic (one dead letter per backend, with its reason) while every good
 * point lands in both replicas; {@code dlq list} finds it by backend and reason; {@code dlq
 * replay} sends it through the normal path again (both backends refuse it again, so the dead
 * letters double); {@code status} shows every writer caught up once the load stopped.
 */
final class OperationsCheck {
    private static final Duration COMMAND = Duration.ofSeconds(90);
    private static final Duration CONVERGE = Duration.ofSeconds(120);
    private static final String DB = "ops";
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Path dir;
    private final Path config;
    private final GatewayClient client;
    private final List<InfluxdProcess> replicas;

    OperationsCheck(Path dir, Path config, GatewayClient client, List<InfluxdProcess> replicas) {
        this.dir = dir;
        this.config = config;
        this.client = client;
        this.replicas = replicas;
    }

    void poisonPointIsIsolatedListedAndReplayed() throws Exception {
        client.query("CREATE DATABASE " + DB);
        long t = 1_700_000_000L;
        client.writeAcknowledged(DB, "s", "ops,id=g1 value=1.5 " + t + "\n", COMMAND);
        awaitCount(1);
        client.writeAcknowledged(DB, "s", "ops,id=g2 value=2.5 " + (t + 1) + "\nops,id=bad value=\"text\" " + (t + 2)
                + "\nops,id=g3 value=3.5 " + (t + 3) + "\n", COMMAND);
        awaitCount(3);
        Await.until(CONVERGE, () -> deadLetters("--reason", "field type conflict") == 2,
                () -> "one dead letter per backend for the poison point");
        InfluxHaProcess.Finished listed = dlq("list", "--backend", "a", "--reason", "FIELD TYPE CONFLICT", "--since", "1h");
        assertThat(listed.exitCode()).as(listed.output()).isZero();
        assertThat(listed.output()).contains("backend=a", "db=ops", "field type conflict", "ops,id=bad value=\"text\"",
                "listed 1 dead letter").doesNotContain("id=g2", "id=g3");

        InfluxHaProcess.Finished replayed = dlq("replay", "--backend", "a", "--reason", "field type conflict");
        assertThat(replayed.exitCode()).as(replayed.output()).isZero();
        assertThat(replayed.output()).contains("replayed 1 dead letter");
        Await.until(CONVERGE, () -> deadLetters("--reason", "field type conflict") == 4,
                () -> "the replayed poison point to be refused again by both backends");
        awaitCount(3);
    }

    void statusShowsEveryWriterCaughtUp() {
        String[] last = {""};
        Await.until(CONVERGE, () -> {
            InfluxHaProcess.Finished status = InfluxHaProcess.run(log("status"), COMMAND, "status", "-c", config.toString());
            last[0] = status.output();
            return status.exitCode() == 0 && status.output().contains("total consumer=a lag_records=0 ")
                    && status.output().contains("total consumer=b lag_records=0 ")
                    && status.output().contains("total consumer=router lag_records=0 ");
        }, () -> "status to show a, b and the router caught up; last output:\n" + last[0]);
        assertThat(last[0]).contains("faults.shard.main", "faults.ingest", "caught-up");
    }

    private void awaitCount(long expected) {
        Await.until(CONVERGE, () -> replicas.stream().allMatch(r -> r.count(DB, "ops") == expected),
                () -> expected + " good points of ops in every replica");
    }

    private long deadLetters(String... filter) {
        String[] args = new String[filter.length + 1];
        args[0] = "list";
        System.arraycopy(filter, 0, args, 1, filter.length);
        String out = dlq(args).output();
        return out.lines().filter(l -> l.startsWith("dead_letter=")).count();
    }

    private InfluxHaProcess.Finished dlq(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("dlq", args[0], "-c", config.toString()));
        all.addAll(List.of(args).subList(1, args.length));
        return InfluxHaProcess.run(log("dlq-" + args[0]), COMMAND, all.toArray(String[]::new));
    }

    private Path log(String name) {
        return dir.resolve(name + "-" + RUNS.incrementAndGet() + ".log");
    }
}
