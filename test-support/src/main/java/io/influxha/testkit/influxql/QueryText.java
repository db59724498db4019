package io.influxha.testkit.influxql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A query under construction: its tokens, how each joins the one before, and the bound parameters
 * its {@code $name} tokens need. {@link #render} chooses the separators, so one grammar walk yields
 * the same statement spelled with spaces, tabs, every newline style and comments.
 *
 * <p>Where a separator may go is influxql 1.1.0's, not a free choice: {@code parseRegex} consumes
 * one whitespace token and then looks for {@code /}, so before a field, a source, a dimension, a
 * call argument and the right side of {@code =~}/{@code !~} a comment would be read as the start of
 * a regex ({@code /* c *}{@code /} is the regex {@code * c *}); those joins are {@link Join#SPACE}.
 * Segments ({@code db.rp.m}), calls ({@code f(}) and casts ({@code ::field}) are scanned without
 * skipping whitespace, so they are {@link Join#TIGHT}.
 */
final class QueryText {
    /** How a token joins the token before it. */
    enum Join {
        /** No separator: the scanner must see the two tokens back to back. */
        TIGHT,
        /** Whitespace only (spaces, tabs, any newline style), never a comment. */
        SPACE,
        /** Whitespace or comments. */
        ANY
    }

    private record Token(String text, Join join) {}

    private final List<Token> tokens = new ArrayList<>();
    private final Map<String, String> bindings = new LinkedHashMap<>();
    private boolean spaceNext;

    QueryText word(String text) {
        return add(text, Join.ANY);
    }

    QueryText spaced(String text) {
        return add(text, Join.SPACE);
    }

    QueryText tight(String text) {
        return add(text, Join.TIGHT);
    }

    /** Appends {@code $name} (joined as {@code join}) and records the JSON value it is bound to. */
    QueryText param(String name, String jsonValue, Join join) {
        bindings.put(name, jsonValue);
        return add("$" + name, join);
    }

    QueryText add(String text, Join join) {
        tokens.add(new Token(text, spaceNext && join == Join.ANY ? Join.SPACE : join));
        spaceNext = false;
        return this;
    }

    /**
     * The next token may not follow a comment. Needed after a source that ends in an identifier
     * (parseSource then peeks for a regex past the whitespace token it has already buffered, and
     * reports {@code found  , expected regex} at a {@code /*}) and after an alias (parseField
     * consumes one whitespace token, then expects the comma from Scan, which returns a comment).
     */
    QueryText spaceNext() {
        spaceNext = true;
        return this;
    }

    /** A comment to end the query with; a line comment where a block comment would break the last token. */
    String trailingComment(SplittableRandom random) {
        return spaceNext ? " -- " + random.nextInt(10) + "\n" : comment(random);
    }

    /** Bound parameters in the order first used: name to its raw JSON value. */
    Map<String, String> bindings() {
        return bindings;
    }

    /**
     * The tokens and the separators chosen before them, alternating: element 0 is the first
     * token, then separator, token, separator, token... A {@link Join#TIGHT} join yields "".
     */
    List<String> render(SplittableRandom random) {
        List<String> out = new ArrayList<>(tokens.size() * 2);
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (i > 0) {
                out.add(separator(t.join(), random));
            }
            out.add(t.text());
        }
        return out;
    }

    static String separator(Join join, SplittableRandom random) {
        if (join == Join.TIGHT) {
            return "";
        }
        int roll = random.nextInt(100);
        if (join == Join.ANY && roll >= 94) {
            return comment(random);
        }
        return whitespace(roll);
    }

    private static String whitespace(int roll) {
        if (roll < 72) {
            return " ";
        } else if (roll < 80) {
            return "\n";
        } else if (roll < 85) {
            return "\t";
        } else if (roll < 89) {
            return "\r\n";
        } else if (roll < 91) {
            return "\r";
        }
        return roll < 93 ? "  \n\t " : " \r\n ";
    }

    /** A comment with a space either side, so it never glues to a neighbouring {@code -} or {@code /}. */
    static String comment(SplittableRandom random) {
        String[] bodies = {"c", "; DROP DATABASE x", "'", "\"", "--", "/", "*", "é😀", ""};
        String body = bodies[random.nextInt(bodies.length)];
        return switch (random.nextInt(4)) {
            case 0 -> " -- " + body + "\n";
            case 1 -> " --" + body + "\r\n";
            default -> " /* " + body + " */ ";
        };
    }
}
