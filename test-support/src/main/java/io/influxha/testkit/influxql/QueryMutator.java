package io.influxha.testkit.influxql;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Breaks a rendered query a little: deletes, inserts, duplicates or swaps a token or a character,
 * truncates it, or inserts one of the characters that end or open something in InfluxQL
 * ({@code ; -- /* *}{@code / ' " / \ $ NUL CR}). Edits land on code point boundaries, so the
 * result is still valid Unicode and reaches the reference and the Java parser unchanged.
 */
final class QueryMutator {
    private static final String[] SPECIALS = {";", "--", "/*", "*/", "'", "\"", "/", "\\", "$", "\0", "\r",
        "\n", " ", "(", ")", ",", ".", ":", "::", "=~", "!~", "é", "😀", "\u00a0", "\u2028", ";;", "\r\n"};

    private final SplittableRandom random;

    QueryMutator(SplittableRandom random) {
        this.random = random;
    }

    /** {@code pieces} alternate token, separator, token... as {@link QueryText#render} returns them. */
    String mutate(List<String> pieces) {
        List<String> p = new ArrayList<>(pieces);
        boolean tokenEdit = random.nextInt(100) < 45 && !p.isEmpty();
        if (tokenEdit) {
            editToken(p);
        }
        String q = String.join("", p);
        int charEdits = tokenEdit ? random.nextInt(2) : 1 + random.nextInt(2);
        for (int i = 0; i < charEdits; i++) {
            q = editCharacter(q);
        }
        return q;
    }

    private void editToken(List<String> p) {
        int i = 2 * random.nextInt((p.size() + 1) / 2);
        int j = 2 * random.nextInt((p.size() + 1) / 2);
        String token = p.get(i);
        switch (random.nextInt(5)) {
            case 0 -> p.set(i, "");
            case 1 -> p.set(i, token + (random.nextBoolean() ? " " : "") + token);
            case 2 -> {
                p.set(i, p.get(j));
                p.set(j, token);
            }
            case 3 -> p.set(i, p.get(j) + " " + token);
            default -> p.set(i, random.nextBoolean() ? pick(SPECIALS) + token : token + pick(SPECIALS));
        }
    }

    private String editCharacter(String q) {
        int[] cps = q.codePoints().toArray();
        int at = random.nextInt(cps.length + 1);
        StringBuilder b = new StringBuilder(q.length() + 4);
        int op = random.nextInt(6);
        for (int k = 0; k <= cps.length; k++) {
            if (k == at) {
                if (op == 0 && k < cps.length) {
                    continue; // delete
                } else if (op == 1) {
                    b.append(pick(SPECIALS));
                } else if (op == 2 && k < cps.length) {
                    b.appendCodePoint(cps[k]); // duplicate
                } else if (op == 3 && k + 1 < cps.length) {
                    b.appendCodePoint(cps[k + 1]).appendCodePoint(cps[k]); // swap
                    k++;
                    continue;
                } else if (op == 4) {
                    return b.toString(); // truncate
                } else if (op == 5) {
                    b.appendCodePoint(' ' + random.nextInt(95)); // any printable ASCII
                }
            }
            if (k < cps.length) {
                b.appendCodePoint(cps[k]);
            }
        }
        return b.toString();
    }

    private String pick(String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
