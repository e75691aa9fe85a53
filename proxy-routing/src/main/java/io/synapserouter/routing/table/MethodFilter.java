package io.synapserouter.routing.table;

import io.netty.handler.codec.http.HttpMethod;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which request methods a rule applies to: all, only some ({@code GET,HEAD}), or all but some
 * ({@code !GET,HEAD}, what is left of a read-only family's rule once its reads fall through).
 */
public final class MethodFilter {

    private static final MethodFilter ANY = new MethodFilter(false, new String[0]);

    private final boolean exclude;
    private final String[] names;

    private MethodFilter(boolean exclude, String[] names) {
        this.exclude = exclude;
        this.names = names;
    }

    public static MethodFilter any() {
        return ANY;
    }

    public static MethodFilter only(Set<String> methods) {
        return methods.isEmpty() ? ANY : new MethodFilter(false, normalise(methods));
    }

    public static MethodFilter except(Set<String> methods) {
        return methods.isEmpty() ? ANY : new MethodFilter(true, normalise(methods));
    }

    /**
     * Parses {@code *}, {@code GET,HEAD} or {@code !GET,HEAD}.
     *
     * @throws IllegalArgumentException naming the bad text
     */
    public static MethodFilter parse(String text) {
        String t = text.trim();
        if (t.equals("*")) {
            return ANY;
        }
        boolean exclude = t.startsWith("!");
        String list = exclude ? t.substring(1) : t;
        Set<String> methods = new TreeSet<>();
        for (String m : list.split(",")) {
            String name = m.trim();
            if (name.isEmpty() || !name.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
                throw new IllegalArgumentException("'" + text + "' is not a method list (like GET,HEAD or !GET,HEAD or *)");
            }
            methods.add(name);
        }
        return exclude ? except(methods) : only(methods);
    }

    /** This filter minus {@code removed}: what is left when those methods fall through. */
    public MethodFilter without(Set<String> removed) {
        Set<String> names = new TreeSet<>(Arrays.asList(this.names));
        if (exclude || this == ANY) {
            names.addAll(removed);
            return except(names);
        }
        names.removeAll(removed);
        return names.isEmpty() ? null : only(names);
    }

    public boolean isAny() {
        return this == ANY;
    }

    public boolean allows(HttpMethod method) {
        if (this == ANY) {
            return true;
        }
        String name = method.name();
        boolean listed = false;
        for (String n : names) {
            if (n.equals(name)) {
                listed = true;
                break;
            }
        }
        return listed != exclude;
    }

    private static String[] normalise(Set<String> methods) {
        return methods.stream().map(m -> m.toUpperCase(Locale.ROOT)).sorted().distinct().toArray(String[]::new);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MethodFilter other && other.exclude == exclude && Arrays.equals(other.names, names);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(names) * 31 + (exclude ? 1 : 0);
    }

    /** {@code *}, {@code GET,HEAD} or {@code !GET,HEAD}: the syntax {@link #parse} reads. */
    @Override
    public String toString() {
        if (this == ANY) {
            return "*";
        }
        return (exclude ? "!" : "") + String.join(",", names);
    }
}
