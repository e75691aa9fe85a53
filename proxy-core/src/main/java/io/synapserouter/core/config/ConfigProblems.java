package io.synapserouter.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects problems while a whole file is read, so that one run reports every mistake instead of the
 * first one. Each reading step that fails records its problems and yields a fallback, and reading
 * goes on; {@link #throwIfAny()} ends it.
 */
public final class ConfigProblems {

    private final List<ConfigProblem> found = new ArrayList<>();

    /** The result of {@code reading}, or {@code fallback} with its problems recorded. */
    public <T> T attempt(Supplier<T> reading, T fallback) {
        try {
            return reading.get();
        } catch (ConfigException e) {
            found.addAll(e.problems());
            return fallback;
        }
    }

    /** Runs a check, recording its problems. */
    public void check(Runnable check) {
        try {
            check.run();
        } catch (ConfigException e) {
            found.addAll(e.problems());
        }
    }

    public void add(ConfigProblem problem) {
        found.add(problem);
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /**
     * @throws ConfigException with every problem recorded so far, in file order
     */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ConfigException(found);
        }
    }
}
