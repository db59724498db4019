package io.influxha.gateway.influxql;

/** What a statement reads from (or, with {@code isTarget}, writes INTO): a measurement or a subquery. */
public sealed interface Source {
    /**
     * @param database empty when not named
     * @param retentionPolicy empty when not named
     * @param name empty when a regex (or, for INTO, {@code :MEASUREMENT}) stands instead
     * @param regex null when a name is given
     */
    record Measurement(String database, String retentionPolicy, String name, Expr.RegexLiteral regex, boolean isTarget)
            implements Source {}

    record SubQuery(SelectStatement statement) implements Source {}
}
