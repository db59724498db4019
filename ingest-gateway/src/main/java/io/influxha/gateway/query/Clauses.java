package io.influxha.gateway.query;

import io.influxha.gateway.query.Scanner.Kind;
import io.influxha.gateway.query.Scanner.Token;
import java.util.List;

/**
 * Takes a merged statement's paging clauses out of the text sent to backends: each backend must
 * return everything, and the gateway pages the merged answer (LIMIT 2 OFFSET 1 of the union is
 * not the union of each shard's LIMIT 2 OFFSET 1).
 *
 * @param limit -1 when absent
 */
record Clauses(String text, long limit, long offset) {
    static Clauses strip(String text, List<Token> tokens, String limitWord, String offsetWord) {
        StringBuilder out = new StringBuilder(text);
        long limit = -1;
        long offset = 0;
        int depth = 0;
        for (int i = tokens.size() - 2; i >= 0; i--) {
            Token t = tokens.get(i);
            depth += t.isSymbol(')') ? 1 : t.isSymbol('(') ? -1 : 0;
            Token n = tokens.get(i + 1);
            if (depth != 0 || n.kind() != Kind.NUMBER || !(t.is(limitWord) || t.is(offsetWord))) {
                continue;
            }
            long value = parse(n.value());
            if (value < 0) {
                continue;
            }
            if (t.is(limitWord)) {
                limit = value;
            } else {
                offset = value;
            }
            out.delete(t.start(), n.end());
        }
        return new Clauses(out.toString().strip(), limit, offset);
    }

    private static long parse(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
