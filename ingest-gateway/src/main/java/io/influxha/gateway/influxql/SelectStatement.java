package io.influxha.gateway.influxql;

import java.util.List;

/**
 * {@code SELECT}, as influxql's SelectStatement: fields, INTO target, sources (measurements,
 * regexes, subqueries), condition, GROUP BY, fill, ORDER BY, paging and time zone.
 *
 * @param target null without INTO
 * @param dimensions null without GROUP BY
 * @param condition null without WHERE
 * @param sortFields null without ORDER BY
 * @param fillValue a Long or Double for {@code fill(<number>)}, else null
 * @param location the time zone name as given to {@code tz()} ("" reads as UTC), null without tz()
 */
public record SelectStatement(List<Field> fields, Target target, List<Dimension> dimensions, List<Source> sources,
        Expr condition, List<SortField> sortFields, long limit, long offset, long slimit, long soffset, boolean isRawQuery,
        Fill fill, Object fillValue, String location) implements Statement {

    public record Field(Expr expr, String alias) {}

    public record Dimension(Expr expr) {}

    /** @param name empty for a bare {@code ORDER BY ASC|DESC} */
    public record SortField(String name, boolean ascending) {}

    public record Target(Source.Measurement measurement) {}

    public enum Fill { NULL, NONE, NUMBER, PREVIOUS, LINEAR }
}
