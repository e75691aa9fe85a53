package io.synapserouter.routing.table;

import io.netty.handler.codec.http.HttpMethod;
import io.synapserouter.routing.table.internal.CompiledRule;
import io.synapserouter.routing.table.internal.Matchers;
import io.synapserouter.routing.table.internal.PrefixTree;
import io.synapserouter.routing.table.internal.RuleCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An ordered list of rules compiled for matching: the first rule whose pattern is found in the raw
 * path, whose method filter allows the method and whose condition holds, wins. The answer is exactly
 * that of trying each rule in order; the work is not. A radix tree over the rules' literal prefixes
 * picks the few that can match a path, and most of those are decided by their literals alone (see
 * {@code table.internal}). Immutable and safe to share between event loops.
 *
 * @param <T> what a rule leads to
 */
public final class RouteTable<T> {

    /** One rule to compile. */
    public record Entry<T>(Pattern pattern, MethodFilter methods, RequestCondition condition, T target) {
    }

    private final PrefixTree tree;
    private final Matchers matchers;
    private final int size;

    private RouteTable(PrefixTree tree, int size) {
        this.tree = tree;
        this.matchers = new Matchers(size);
        this.size = size;
    }

    public static <T> RouteTable<T> compile(List<Entry<T>> entries) {
        List<CompiledRule> rules = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            Entry<T> e = entries.get(i);
            rules.add(new CompiledRule(i, e.pattern(), e.methods(), e.condition(), e.target()));
        }
        return new RouteTable<>(PrefixTree.build(rules), entries.size());
    }

    /**
     * @param target  the raw request-target
     * @param pathEnd where its path ends: the index of {@code ?}, or its length
     * @param method  the request method
     * @return the target of the first matching rule, or null when none matches
     */
    @SuppressWarnings("unchecked")
    public T match(String target, int pathEnd, HttpMethod method) {
        for (RuleCheck check : tree.candidates(target, pathEnd)) {
            CompiledRule rule = check.rule();
            if (rule.allows(method) && check.pathMatches(target, pathEnd, matchers) && rule.conditionHolds(target, pathEnd)) {
                return (T) rule.target();
            }
        }
        return null;
    }

    /** Convenience: matches a whole request-target, finding where its path ends. */
    public T match(String target, HttpMethod method) {
        int q = target.indexOf('?');
        return match(target, q < 0 ? target.length() : q, method);
    }

    public int size() {
        return size;
    }
}
