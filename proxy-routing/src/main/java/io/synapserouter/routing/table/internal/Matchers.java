package io.synapserouter.routing.table.internal;

import io.netty.util.concurrent.FastThreadLocal;
import java.util.regex.Matcher;

/**
 * Reusable {@link Matcher}s, one per rule and thread, so that running a rule's regex allocates nothing.
 * One thread-local per table rather than per rule: thread-local slots are never given back.
 */
public final class Matchers {

    private final FastThreadLocal<Matcher[]> perThread;

    public Matchers(int rules) {
        this.perThread = new FastThreadLocal<>() {
            @Override
            protected Matcher[] initialValue() {
                return new Matcher[rules];
            }
        };
    }

    Matcher of(CompiledRule rule) {
        Matcher[] matchers = perThread.get();
        Matcher m = matchers[rule.index()];
        if (m == null) {
            m = rule.newMatcher();
            matchers[rule.index()] = m;
        }
        return m;
    }
}
