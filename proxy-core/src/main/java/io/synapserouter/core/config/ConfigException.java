package io.synapserouter.core.config;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration file that cannot be used. The message alone is enough to fix it: every problem
 * names the file, the line and column, the full key path and what is wrong, one problem per line.
 */
public final class ConfigException extends RuntimeException {

    private static final Comparator<ConfigProblem> FILE_ORDER =
            Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column);

    private final List<ConfigProblem> problems;

    public ConfigException(ConfigProblem problem) {
        this(List.of(problem));
    }

    /** Several problems at once, so that one run of {@code check} shows them all; kept in file order. */
    public ConfigException(List<ConfigProblem> problems) {
        this(inFileOrder(problems), null);
    }

    private ConfigException(List<ConfigProblem> sorted, Void unused) {
        super(sorted.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        this.problems = sorted;
    }

    /** A problem with the file as a whole (missing, unreadable), which has no line. */
    public static ConfigException ofFile(String source, String message) {
        return new ConfigException(new ConfigProblem(source, 0, 0, "", message));
    }

    /** Every problem, in file order; never empty. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static List<ConfigProblem> inFileOrder(List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        return problems.stream().sorted(FILE_ORDER).toList();
    }
}
