package io.synapserouter.routing.table.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a regex says about the strings it can match, cheaply checkable before the regex runs:
 *
 * <ul>
 *   <li>its <b>literal prefixes</b>: an anchored pattern such as {@code ^/_matrix/client/(r0|v3)/keys/(query|claim)$}
 *       expands to the four literals it can start with; where the whole pattern is literal (with a
 *       trailing {@code $} or not) the literal alone decides the match and the regex never runs;</li>
 *   <li>a <b>required literal</b>: a piece every match contains, such as {@code /typing} in
 *       {@code ^/_matrix/client/(r0|v3)/rooms/.*&#47;typing}, so that a path without it is rejected
 *       by one {@code indexOf}.</li>
 * </ul>
 *
 * The analysis understands a small, safe subset of the syntax (literals, escaped punctuation, groups
 * of alternatives, {@code ^} and {@code $}) and gives up, soundly, on anything else: a construct it
 * does not understand ends the literal prefix there, and an inline flag or quote disables the
 * required literal. A pattern compiled with flags is not analysed at all.
 */
public final class PatternAnalysis {

    /** Expansions beyond this many prefixes stop at the group that would exceed it. */
    static final int MAX_VARIANTS = 64;

    /** How a variant's literal prefix relates to a match. */
    public enum Kind {
        /** The prefix alone decides: every path starting with it matches. */
        PREFIX,
        /** The path must be exactly the prefix ({@code $} followed it). */
        EXACT,
        /** The prefix is necessary; the regex decides. */
        REGEX
    }

    /** One literal start of a pattern. */
    public record Variant(String prefix, Kind kind) {
    }

    private final List<Variant> variants;
    private final boolean anchored;
    private final String[] requiredAnyOf;

    private PatternAnalysis(List<Variant> variants, boolean anchored, String[] requiredAnyOf) {
        this.variants = List.copyOf(variants);
        this.anchored = anchored;
        this.requiredAnyOf = requiredAnyOf;
    }

    public static PatternAnalysis of(Pattern pattern) {
        String s = pattern.pattern();
        if (pattern.flags() != 0 || hasTopLevelAlternation(s)) {
            return new PatternAnalysis(List.of(new Variant("", Kind.REGEX)), false, null);
        }
        boolean anchored = s.startsWith("^");
        String[] required = requiredLiteral(s, anchored);
        if (!anchored) {
            return new PatternAnalysis(List.of(new Variant("", Kind.REGEX)), false, required);
        }
        List<Variant> closed = new ArrayList<>();
        List<String> open = new Expander(s, closed).sequence(1, s.length(), List.of(""));
        for (String prefix : open) {
            closed.add(new Variant(prefix, Kind.PREFIX));
        }
        return new PatternAnalysis(closed, true, required);
    }

    /** The literal starts of the pattern; the empty prefix when it has none. */
    public List<Variant> variants() {
        return variants;
    }

    /** True when the pattern starts with {@code ^}, so it can only match at the start. */
    public boolean anchored() {
        return anchored;
    }

    /** Literals of which every match contains at least one, or null when none is known. */
    public String[] requiredAnyOf() {
        return requiredAnyOf == null ? null : requiredAnyOf.clone();
    }

    // ------------------------------------------------------------------------------------------------

    /** Expands literal prefixes through a sequence of items, closing variants where it must stop. */
    private static final class Expander {
        private final String s;
        private final List<Variant> closed;

        Expander(String s, List<Variant> closed) {
            this.s = s;
            this.closed = closed;
        }

        /**
         * Runs the items of {@code s[from, to)} over the open prefixes; returns the prefixes still open
         * after the last item (those that consumed the whole sequence), having closed the others.
         */
        List<String> sequence(int from, int to, List<String> open) {
            int i = from;
            List<String> current = open;
            while (i < to && !current.isEmpty()) {
                char c = s.charAt(i);
                if (c == '$') {
                    Kind kind = onlyClosingParensAfter(i + 1) ? Kind.EXACT : Kind.REGEX;
                    close(current, kind);
                    return List.of();
                }
                if (c == '(') {
                    int close = Syntax.groupEnd(s, i);
                    boolean plainGroup = close > 0 && !Syntax.isQuantifier(s, close + 1)
                            && (s.charAt(i + 1) != '?' || s.startsWith("?:", i + 1));
                    if (!plainGroup) {
                        close(current, Kind.REGEX);
                        return List.of();
                    }
                    int bodyStart = s.startsWith("?:", i + 1) ? i + 3 : i + 1;
                    List<int[]> alternatives = Syntax.alternatives(s, bodyStart, close);
                    if ((long) current.size() * alternatives.size() > MAX_VARIANTS) {
                        close(current, Kind.REGEX);
                        return List.of();
                    }
                    List<String> next = new ArrayList<>();
                    for (int[] alt : alternatives) {
                        next.addAll(sequence(alt[0], alt[1], current));
                    }
                    current = next;
                    i = close + 1;
                    continue;
                }
                int literalEnd = Syntax.literalEnd(s, i);
                if (literalEnd < 0 || Syntax.isQuantifier(s, literalEnd)) {
                    close(current, Kind.REGEX);
                    return List.of();
                }
                char literal = s.charAt(literalEnd - 1);
                List<String> next = new ArrayList<>(current.size());
                for (String prefix : current) {
                    next.add(prefix + literal);
                }
                current = next;
                i = literalEnd;
            }
            return current;
        }

        private void close(List<String> prefixes, Kind kind) {
            for (String prefix : prefixes) {
                closed.add(new Variant(prefix, kind));
            }
        }

        /** True when only unquantified {@code )} follow: the {@code $} then really ends the match. */
        private boolean onlyClosingParensAfter(int from) {
            for (int i = from; i < s.length(); i++) {
                if (s.charAt(i) != ')' || Syntax.isQuantifier(s, i + 1)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The best literal that every match must contain: the longest run of top-level literal
     * characters past the literal prefix, else a top-level group of literal alternatives, else null.
     */
    private static String[] requiredLiteral(String s, boolean anchored) {
        if (s.contains("(?") && !onlyNonCapturingGroups(s) || s.contains("\\Q")) {
            return null; // inline flags or quoting change what a literal means
        }
        String best = null;
        String[] bestGroup = null;
        StringBuilder run = new StringBuilder();
        // Literals before the first other item form an anchored pattern's prefix, already checked.
        boolean pastPrefix = !anchored;
        int i = anchored ? 1 : 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '(') {
                int close = Syntax.groupEnd(s, i);
                if (close < 0) {
                    return null;
                }
                boolean mandatory = !Syntax.isQuantifier(s, close + 1) || s.charAt(close + 1) == '+';
                int bodyStart = s.startsWith("?:", i + 1) ? i + 3 : i + 1;
                String[] alternatives = mandatory ? literalAlternatives(s, bodyStart, close) : null;
                if (pastPrefix && bestGroup == null) {
                    bestGroup = alternatives;
                }
                best = longer(best, run);
                run.setLength(0);
                // A group of plain literals (a version list) is still part of the expanded prefix.
                pastPrefix |= alternatives == null || Syntax.isQuantifier(s, close + 1);
                i = Syntax.skipQuantifier(s, close + 1);
                continue;
            }
            int literalEnd = c == '$' || c == '^' ? -1 : Syntax.literalEnd(s, i);
            if (literalEnd > 0 && !Syntax.isQuantifier(s, literalEnd)) {
                if (pastPrefix) {
                    run.append(s.charAt(literalEnd - 1));
                }
                i = literalEnd;
                continue;
            }
            best = longer(best, run);
            run.setLength(0);
            pastPrefix = true;
            int itemEnd = Syntax.itemEnd(s, i);
            if (itemEnd < 0) {
                return null;
            }
            i = Syntax.skipQuantifier(s, itemEnd);
        }
        best = longer(best, run);
        if (best != null && (best.length() >= 2 || bestGroup == null)) {
            return new String[] {best};
        }
        return bestGroup;
    }

    private static boolean onlyNonCapturingGroups(String s) {
        int i = s.indexOf("(?");
        while (i >= 0) {
            if (!s.startsWith("(?:", i) || (i > 0 && s.charAt(i - 1) == '\\')) {
                return false;
            }
            i = s.indexOf("(?", i + 1);
        }
        return true;
    }

    private static String longer(String best, StringBuilder run) {
        if (run.length() == 0) {
            return best;
        }
        return best == null || run.length() > best.length() ? run.toString() : best;
    }

    /** The alternatives of a group when each is a plain non-empty literal, else null. */
    private static String[] literalAlternatives(String s, int bodyStart, int close) {
        List<String> literals = new ArrayList<>();
        for (int[] alt : Syntax.alternatives(s, bodyStart, close)) {
            StringBuilder literal = new StringBuilder();
            int i = alt[0];
            while (i < alt[1]) {
                int end = Syntax.literalEnd(s, i);
                if (end < 0 || end > alt[1] || s.charAt(i) == '$' || Syntax.isQuantifier(s, end)) {
                    return null;
                }
                literal.append(s.charAt(end - 1));
                i = end;
            }
            if (literal.length() == 0) {
                return null;
            }
            literals.add(literal.toString());
        }
        return literals.isEmpty() ? null : literals.toArray(String[]::new);
    }

    private static boolean hasTopLevelAlternation(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                int end = Syntax.classEnd(s, i);
                if (end < 0) {
                    return true; // not understood: treat as opaque
                }
                i = end;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                return true;
            }
        }
        return false;
    }

    /** Lexical helpers over Java regex source. */
    static final class Syntax {

        private Syntax() {
        }

        /**
         * The index after the literal character at {@code i} (one char, or an escaped punctuation
         * character), or -1 when the item there is not a plain literal.
         */
        static int literalEnd(String s, int i) {
            char c = s.charAt(i);
            if (c == '\\') {
                if (i + 1 >= s.length()) {
                    return -1;
                }
                char e = s.charAt(i + 1);
                // A backslash before a non-alphanumeric character always means that character.
                return Character.isLetterOrDigit(e) ? -1 : i + 2;
            }
            return switch (c) {
                case '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '^', '$' -> -1;
                default -> Character.isSurrogate(c) ? -1 : i + 1;
            };
        }

        static boolean isQuantifier(String s, int i) {
            if (i >= s.length()) {
                return false;
            }
            char c = s.charAt(i);
            return c == '*' || c == '+' || c == '?' || c == '{';
        }

        /** The index after a quantifier (and its lazy/possessive mark) at {@code i}, or {@code i}. */
        static int skipQuantifier(String s, int i) {
            if (!isQuantifier(s, i)) {
                return i;
            }
            int j = i;
            if (s.charAt(j) == '{') {
                int close = s.indexOf('}', j);
                j = close < 0 ? s.length() : close + 1;
            } else {
                j++;
            }
            if (j < s.length() && (s.charAt(j) == '?' || s.charAt(j) == '+')) {
                j++;
            }
            return j;
        }

        /** The index after the single item at {@code i} (no quantifier), or -1 when not understood. */
        static int itemEnd(String s, int i) {
            char c = s.charAt(i);
            if (c == '[') {
                int end = classEnd(s, i);
                return end < 0 ? -1 : end + 1;
            }
            if (c == '\\') {
                if (i + 1 >= s.length()) {
                    return -1;
                }
                char e = s.charAt(i + 1);
                if (e == 'p' || e == 'P' || e == 'x' || e == 'u' || e == 'N' || e == 'k' || e == 'c' || e == '0' || e == 'Q') {
                    return -1; // multi-character escapes: not worth understanding here
                }
                return i + 2;
            }
            if (c == '(') {
                int end = groupEnd(s, i);
                return end < 0 ? -1 : end + 1;
            }
            return i + 1;
        }

        /** The index of the {@code ]} closing the class opened at {@code open}, or -1. */
        static int classEnd(String s, int open) {
            int i = open + 1;
            if (i < s.length() && s.charAt(i) == '^') {
                i++;
            }
            if (i < s.length() && s.charAt(i) == ']') {
                i++; // a ']' first in a class is literal
            }
            int depth = 1;
            for (; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '[') {
                    depth++;
                } else if (c == ']' && --depth == 0) {
                    return i;
                }
            }
            return -1;
        }

        /** The index of the {@code )} closing the group opened at {@code open}, or -1. */
        static int groupEnd(String s, int open) {
            int depth = 0;
            for (int i = open; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '[') {
                    int end = classEnd(s, i);
                    if (end < 0) {
                        return -1;
                    }
                    i = end;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    return i;
                }
            }
            return -1;
        }

        /** The {@code [start, end)} ranges of the top-level alternatives in {@code s[from, to)}. */
        static List<int[]> alternatives(String s, int from, int to) {
            List<int[]> ranges = new ArrayList<>();
            int depth = 0;
            int start = from;
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '[') {
                    int end = classEnd(s, i);
                    i = end < 0 ? to : end;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                } else if (c == '|' && depth == 0) {
                    ranges.add(new int[] {start, i});
                    start = i + 1;
                }
            }
            ranges.add(new int[] {start, to});
            return ranges;
        }
    }
}
