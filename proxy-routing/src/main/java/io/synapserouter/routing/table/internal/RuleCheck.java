package io.synapserouter.routing.table.internal;

/**
 * What one rule needs of a path that reached a node of the prefix tree: nothing more (a literal
 * prefix of the rule ended there), a path of exactly some length (a literal followed by {@code $}),
 * or its regex.
 */
public final class RuleCheck {

    private final CompiledRule rule;
    private final boolean prefix;
    private final int[] exactLengths;
    private final boolean regex;

    RuleCheck(CompiledRule rule, boolean prefix, int[] exactLengths, boolean regex) {
        this.rule = rule;
        this.prefix = prefix;
        this.exactLengths = exactLengths;
        this.regex = regex;
    }

    public CompiledRule rule() {
        return rule;
    }

    /** Whether the rule's pattern matches {@code target[0, pathEnd)}, given the node's prefix did. */
    public boolean pathMatches(String target, int pathEnd, Matchers matchers) {
        if (prefix) {
            return true;
        }
        boolean needRegex = regex;
        for (int length : exactLengths) {
            if (pathEnd == length) {
                return true;
            }
            // Java's $ also matches before a final line terminator; let the regex judge that oddity.
            if (pathEnd > length && pathEnd - length <= 2 && isLineTerminator(target.charAt(length))) {
                needRegex = true;
            }
        }
        return needRegex && rule.regexMatches(target, pathEnd, matchers);
    }

    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
