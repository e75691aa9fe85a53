package io.synapserouter.core.config;

/**
 * One thing wrong with a configuration file, located precisely enough to fix without a search.
 *
 * @param source  the file name as the operator gave it (or a label for text that has no file)
 * @param line    1-based line, or 0 when the problem has no position (an unreadable file)
 * @param column  1-based column, or 0 when unknown
 * @param keyPath the full key path, e.g. {@code whoami.cache.ttl} or {@code routes[2].path}; empty for
 *                the file as a whole
 * @param message what is wrong, and where it helps, what would be right
 */
public record ConfigProblem(String source, int line, int column, String keyPath, String message) {

    /** {@code router.yaml:7:3: listeners.clinet: unknown key …}, the form compilers use, so editors can jump to it. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(source);
        if (line > 0) {
            out.append(':').append(line);
            if (column > 0) {
                out.append(':').append(column);
            }
        }
        out.append(": ");
        if (!keyPath.isEmpty()) {
            out.append(keyPath).append(": ");
        }
        return out.append(message).toString();
    }
}
