package io.synapserouter.core.config.internal;

import java.util.Map;
import java.util.Objects;

/**
 * Shell-style references in config values: {@code ${VAR}} is the variable's value and an error when it
 * is not set; {@code ${VAR:-default}} is the default when the variable is unset or empty, as in sh and
 * Docker Compose. <code>$${</code> writes a literal <code>${</code>. A {@code $} not followed by a brace
 * is ordinary text (regexes end in {@code $}). A default ends at the first closing brace and is not
 * itself expanded.
 */
public final class VariableSubstitution {

    private final Map<String, String> env;

    public VariableSubstitution(Map<String, String> env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    /** Whether {@code text} holds a reference, i.e. whether {@link #apply} could change it. */
    public static boolean mentionsVariable(String text) {
        return text.contains("${");
    }

    /**
     * @throws IllegalArgumentException naming the variable that is not set, or the malformed reference
     */
    public String apply(String text) {
        int start = text.indexOf("${");
        if (start < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (start >= 0) {
            if (start > 0 && text.charAt(start - 1) == '$') {
                // "$${" is an escaped "${": keep one '$' and the brace, expand nothing.
                out.append(text, i, start - 1).append("${");
                i = start + 2;
                start = text.indexOf("${", i);
                continue;
            }
            int close = text.indexOf('}', start + 2);
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "' has a '${' without its closing '}'");
            }
            out.append(text, i, start).append(resolve(text.substring(start + 2, close), text));
            i = close + 1;
            start = text.indexOf("${", i);
        }
        return out.append(text, i, text.length()).toString();
    }

    private String resolve(String reference, String text) {
        int sep = reference.indexOf(":-");
        String name = sep < 0 ? reference : reference.substring(0, sep);
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("'${" + reference + "}' is not a variable reference; write ${NAME} or ${NAME:-default}"
                    + " (NAME is letters, digits and _)");
        }
        String value = env.get(name);
        if (sep >= 0) {
            return value == null || value.isEmpty() ? reference.substring(sep + 2) : value;
        }
        if (value == null) {
            throw new IllegalArgumentException("environment variable " + name + " is not set (write ${" + name
                    + ":-default} to give it a default)");
        }
        return value;
    }
}
