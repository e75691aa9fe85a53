package io.synapserouter.routing.table;

/**
 * A condition on the query string that a rule needs beyond its path and method. Kept to a closed set
 * of named conditions so that the table file stays declarative.
 */
public enum RequestCondition {

    /** Every request whose path and method match. */
    ALWAYS("-") {
        @Override
        public boolean test(String target, int pathEnd) {
            return true;
        }
    },

    /**
     * A sync that starts from nothing, the expensive kind worth its own pool: {@code /sync} without a
     * {@code since} or with {@code full_state=true}, {@code /events} without {@code from}, and every
     * {@code /initialSync}. Other paths never satisfy it.
     */
    INITIAL_SYNC("initial_sync") {
        @Override
        public boolean test(String target, int pathEnd) {
            if (endsWith(target, pathEnd, "/initialSync")) {
                return true;
            }
            if (endsWith(target, pathEnd, "/sync")) {
                return !hasParameterValue(target, pathEnd, "since") || parameterEquals(target, pathEnd, "full_state", "true");
            }
            if (endsWith(target, pathEnd, "/events")) {
                return !hasParameterValue(target, pathEnd, "from");
            }
            return false;
        }
    };

    private final String label;

    RequestCondition(String label) {
        this.label = label;
    }

    /**
     * @param target  the raw request-target
     * @param pathEnd the index of {@code ?}, or the length when there is no query
     */
    public abstract boolean test(String target, int pathEnd);

    /** The name used in the table file and in {@code check}; {@code -} for {@link #ALWAYS}. */
    public String label() {
        return label;
    }

    /** @throws IllegalArgumentException naming the unknown condition */
    public static RequestCondition parse(String label) {
        for (RequestCondition c : values()) {
            if (c.label.equals(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown condition '" + label + "' (known: -, initial_sync)");
    }

    private static boolean endsWith(String target, int pathEnd, String suffix) {
        return pathEnd >= suffix.length() && target.startsWith(suffix, pathEnd - suffix.length());
    }

    /** True when the raw query has {@code name=<non-empty>}; an empty value counts as absent, as in nginx. */
    static boolean hasParameterValue(String target, int pathEnd, String name) {
        int valueStart = findParameter(target, pathEnd, name);
        return valueStart >= 0 && valueStart < target.length() && target.charAt(valueStart) != '&';
    }

    static boolean parameterEquals(String target, int pathEnd, String name, String expected) {
        int valueStart = findParameter(target, pathEnd, name);
        if (valueStart < 0 || !target.startsWith(expected, valueStart)) {
            return false;
        }
        int valueEnd = valueStart + expected.length();
        return valueEnd == target.length() || target.charAt(valueEnd) == '&';
    }

    /** The index of the first value of parameter {@code name}, or -1; names are compared raw. */
    private static int findParameter(String target, int pathEnd, String name) {
        int i = pathEnd + 1;
        int length = target.length();
        while (i < length) {
            int amp = target.indexOf('&', i);
            int pairEnd = amp < 0 ? length : amp;
            if (target.startsWith(name, i)) {
                int after = i + name.length();
                if (after == pairEnd) {
                    return after; // "name" alone: present with an empty value
                }
                if (target.charAt(after) == '=') {
                    return after + 1;
                }
            }
            i = pairEnd + 1;
        }
        return -1;
    }
}
