package io.synapserouter.routing.table.internal;

import io.netty.handler.codec.http.HttpMethod;
import io.synapserouter.routing.table.MethodFilter;
import io.synapserouter.routing.table.RequestCondition;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One rule ready to match: its regex with the analysis that spares running it, and its conditions. */
public final class CompiledRule {

    private final int index;
    private final Pattern pattern;
    private final PatternAnalysis analysis;
    private final String[] required;
    private final MethodFilter methods;
    private final RequestCondition condition;
    private final Object target;

    public CompiledRule(int index, Pattern pattern, MethodFilter methods, RequestCondition condition, Object target) {
        this.index = index;
        this.pattern = pattern;
        this.analysis = PatternAnalysis.of(pattern);
        this.required = analysis.requiredAnyOf();
        this.methods = methods;
        this.condition = condition;
        this.target = target;
    }

    public int index() {
        return index;
    }

    public PatternAnalysis analysis() {
        return analysis;
    }

    public Object target() {
        return target;
    }

    public boolean allows(HttpMethod method) {
        return methods.allows(method);
    }

    public boolean conditionHolds(String target, int pathEnd) {
        return condition.test(target, pathEnd);
    }

    /** Runs the regex over the path {@code target[0, pathEnd)}, after the required-literal check. */
    public boolean regexMatches(String target, int pathEnd, Matchers matchers) {
        if (required != null && !containsAny(target, pathEnd)) {
            return false;
        }
        Matcher m = matchers.of(this);
        m.reset(target).region(0, pathEnd);
        return analysis.anchored() ? m.lookingAt() : m.find();
    }

    Matcher newMatcher() {
        return pattern.matcher("");
    }

    private boolean containsAny(String target, int pathEnd) {
        for (String literal : required) {
            int at = target.indexOf(literal);
            if (at >= 0 && at + literal.length() <= pathEnd) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "#" + index + " " + pattern.pattern();
    }
}
