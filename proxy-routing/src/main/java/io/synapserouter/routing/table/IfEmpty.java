package io.synapserouter.routing.table;

/** What becomes of a rule whose target pool has no workers configured. */
public enum IfEmpty {

    /** The rule is dropped: requests go on down the table. The default for worker families. */
    SKIP("skip"),

    /**
     * The rule sends its requests to the listener's main process instead. For stream writers: when no
     * worker writes a stream, main does, and no other worker may take the request.
     */
    MAIN("main"),

    /**
     * Writes go to main, reads fall through the table. For streams whose reads any generic worker
     * serves (account data, presence, push rules) while only the writer may change them.
     */
    MAIN_WRITES("main-writes");

    private final String label;

    IfEmpty(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** @throws IllegalArgumentException naming the unknown value */
    public static IfEmpty parse(String label) {
        if (label.equals("-")) {
            return SKIP;
        }
        for (IfEmpty e : values()) {
            if (e.label.equals(label)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown if_empty '" + label + "' (known: skip, main, main-writes)");
    }
}
