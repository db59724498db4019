package io.influxha.writer;

import io.influxha.core.catalog.Catalog;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/** A {@link Schema} for tests: as {@link Schema#inMemory()} unless a setter says otherwise. */
final class TestSchema implements Schema {
    /** The result recorded for each applied barrier statement, by its id. */
    final Map<String, String> results = new ConcurrentHashMap<>();
    private Function<String, List<String>> recreate = db -> List.of("CREATE DATABASE " + Catalog.quote(db));
    private BiFunction<String, String, List<String>> recreatePolicy = (db, rp) -> null;
    private BooleanSupplier readToEnd = () -> true;
    private Runnable afterMark = () -> {};
    private boolean remembers = true;
    /** Incarnations the catalog shows, by {@code db NUL incarnation}; any other is UNKNOWN. */
    final Map<String, Catalog.Incarnation> incarnations = new ConcurrentHashMap<>();

    /** Answers {@link #recreate} with {@code answer}. */
    TestSchema recreating(Function<String, List<String>> answer) { recreate = answer; return this; }

    /** Answers {@link #recreatePolicy} with {@code answer}. */
    TestSchema recreatingPolicy(BiFunction<String, String, List<String>> answer) { recreatePolicy = answer; return this; }

    /** Answers {@link #readToEndSince} with {@code answer}, whatever the moment asked about. */
    TestSchema readToEnd(BooleanSupplier answer) { readToEnd = answer; return this; }

    /** Runs {@code hook} after each {@link #markApplied}. */
    TestSchema afterMarkApplied(Runnable hook) { afterMark = hook; return this; }

    /** Makes {@link #markApplied} record nothing, so {@link #applied} stays false. */
    TestSchema forgetting() { remembers = false; return this; }

    @Override
    public List<String> recreate(String db) { return recreate.apply(db); }

    @Override
    public List<String> recreatePolicy(String db, String rp) { return recreatePolicy.apply(db, rp); }

    @Override
    public boolean applied(String ddlId) { return results.containsKey(ddlId); }

    @Override
    public void markApplied(String ddlId, String result) {
        if (remembers) {
            results.put(ddlId, result);
        }
        afterMark.run();
    }

    @Override
    public boolean readToEndSince(long nanos) { return readToEnd.getAsBoolean(); }

    /** Makes the catalog show incarnation {@code incarnation} of {@code db} as {@code state}. */
    TestSchema incarnation(String db, String incarnation, Catalog.Incarnation state) {
        incarnations.put(db + "\u0000" + incarnation, state);
        return this;
    }

    @Override
    public Catalog.Incarnation incarnation(String db, String incarnation, long readNanos) {
        return incarnations.getOrDefault(db + "\u0000" + incarnation, Catalog.Incarnation.UNKNOWN);
    }

    /** Makes the catalog show incarnation {@code incarnation} of policy {@code rp} of {@code db} as {@code state}. */
    TestSchema policyIncarnation(String db, String rp, String incarnation, Catalog.Incarnation state) {
        incarnations.put(db + "\u0001" + rp + "\u0000" + incarnation, state);
        return this;
    }

    @Override
    public Catalog.Incarnation policyIncarnation(String db, String rp, String incarnation, long readNanos) {
        return incarnations.getOrDefault(db + "\u0001" + rp + "\u0000" + incarnation, Catalog.Incarnation.UNKNOWN);
    }

    @Override
    public boolean knownPolicyDropped(String db, String rp, String incarnation) {
        return incarnations.get(db + "\u0001" + rp + "\u0000" + incarnation) == Catalog.Incarnation.DROPPED;
    }

    @Override
    public boolean knownDropped(String db, String incarnation) {
        return incarnations.get(db + "\u0000" + incarnation) == Catalog.Incarnation.DROPPED;
    }
}
