package io.influxha.core.lp;

/** Functions of a series key as written ({@code measurement[,tag=value...]}, escaped). */
public final class SeriesKeys {
    private SeriesKeys() {}

    /**
     * A stable hash of the series: the same for every tag order of the same series, the same in
     * every JVM and release (it decides partitions, so it must never change).
     */
    public static int hash(byte[] buf, int start, int seriesEnd) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The measurement name with its escapes removed. */
    public static String measurement(byte[] buf, int start, int measurementEnd) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
