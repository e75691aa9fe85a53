package io.synapserouter.routing.table;

import io.synapserouter.routing.config.KeyKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the built-in route table, {@code synapse-routes.txt} next to this class: one rule per line,
 * whitespace-separated columns, the pattern last (see the file's header for the columns).
 */
public final class BuiltinRoutes {

    public static final String RESOURCE = "synapse-routes.txt";

    private static final int COLUMNS = 9;

    private BuiltinRoutes() {
    }

    /** The rules shipped with the router, in file order. */
    public static List<RuleSpec> load() {
        try (InputStream in = BuiltinRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the built-in route table " + RESOURCE + " is missing from the class path");
            }
            return parse(RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * Parses table text; blank lines and {@code #} comments are skipped.
     *
     * @throws IllegalArgumentException naming the source, the line and the problem
     */
    public static List<RuleSpec> parse(String source, String text) {
        List<RuleSpec> rules = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new java.io.StringReader(text))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                rules.add(parseLine(source + ":" + number, trimmed));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(rules);
    }

    private static KeyKind key(String text) {
        for (KeyKind kind : KeyKind.values()) {
            if (kind.name().toLowerCase(Locale.ROOT).equals(text)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown key '" + text + "' (known: none, room, user, origin, client_ip)");
    }

    private static RuleSpec parseLine(String origin, String line) {
        String[] columns = line.split("\\s+", COLUMNS);
        if (columns.length < COLUMNS) {
            throw new IllegalArgumentException(origin + ": expected " + COLUMNS
                    + " columns (listener name pool key methods when if_empty fallback pattern), found " + columns.length);
        }
        try {
            KeyKind key = key(columns[3]);
            List<String> fallback = columns[7].equals("-") ? List.of() : Arrays.asList(columns[7].split(","));
            Pattern pattern = Pattern.compile(columns[8]);
            return new RuleSpec(columns[0], columns[1], columns[2], key, MethodFilter.parse(columns[4]),
                    RequestCondition.parse(columns[5]), IfEmpty.parse(columns[6]), fallback, pattern, origin);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(origin + ": bad pattern: " + e.getDescription() + " in " + columns[8], e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
        }
    }
}
