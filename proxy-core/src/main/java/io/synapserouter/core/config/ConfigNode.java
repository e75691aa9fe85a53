package io.synapserouter.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

import io.synapserouter.core.config.internal.Suggestions;

/**
 * A value read from a config file that remembers where it came from: the file, the line and column,
 * and its full key path ({@code whoami.cache.ttl}, {@code routes[2].path}). Every conversion either
 * returns the typed value or throws a {@link ConfigException} that says all of that, so code reading
 * config never has to build an error message by hand.
 */
public abstract sealed class ConfigNode permits ConfigMap, ConfigList, ConfigScalar {

    private final String source;
    private final String path;
    private final int line;
    private final int column;

    ConfigNode(String source, String path, int line, int column) {
        this.source = source;
        this.path = path;
        this.line = line;
        this.column = column;
    }

    public String source() {
        return source;
    }

    /** The full key path, e.g. {@code listeners.client} or {@code workers.sync[1]}; empty for the top level. */
    public String path() {
        return path;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** Whether the value is YAML null ({@code key:}, {@code ~}, {@code null}) or substituted to nothing. */
    public boolean isNull() {
        return false;
    }

    public ConfigProblem problem(String message) {
        return new ConfigProblem(source, line, column, path, message);
    }

    /** An error located at this value. */
    public ConfigException error(String message) {
        return new ConfigException(problem(message));
    }

    /** How the value looks, for "expected …, found …" messages. */
    public abstract String describe();

    public ConfigMap asMap() {
        throw mismatch("a map of keys");
    }

    public ConfigList asList() {
        throw mismatch("a list");
    }

    /** The scalar's text; a map, a list or null is an error. */
    public String asText() {
        throw mismatch("text");
    }

    public boolean asBoolean() {
        throw mismatch("true or false");
    }

    /** A whole number in {@code min..max}. */
    public int asInt(int min, int max) {
        return (int) asLong(min, max);
    }

    /** A whole number in {@code min..max}. */
    public long asLong(long min, long max) {
        long value;
        try {
            value = Long.parseLong(scalarText("a whole number"));
        } catch (NumberFormatException e) {
            throw mismatch("a whole number");
        }
        checkRange(value, min, max, Long::toString);
        return value;
    }

    /** A duration ({@link Durations}), zero or more. */
    public Duration asDuration() {
        return convert("a duration", Durations::parse);
    }

    /** A duration that must be greater than zero (a timeout, an interval). */
    public Duration asPositiveDuration() {
        Duration d = asDuration();
        if (d.isZero()) {
            throw error("must be greater than 0");
        }
        return d;
    }

    /** A byte size ({@link Sizes}) in {@code min..max}. */
    public long asSize(long min, long max) {
        long value = convert("a size", Sizes::parse);
        checkRange(value, min, max, Sizes::format);
        return value;
    }

    /** {@code host:port} or {@code [v6]:port}. */
    public HostPort asHostPort() {
        return convert("host:port", HostPort::parse);
    }

    public Cidr asCidr() {
        return convert("a CIDR", Cidr::parse);
    }

    /** One of a fixed set of words, compared ignoring case; a near miss gets a suggestion. */
    public String asChoice(Collection<String> choices) {
        String text = scalarText("one of " + String.join(", ", choices));
        for (String choice : choices) {
            if (choice.equalsIgnoreCase(text.trim())) {
                return choice;
            }
        }
        throw error("unknown value '" + text + "' (expected one of: " + String.join(", ", choices) + ")"
                + Suggestions.closest(text.trim(), choices).map(s -> "; did you mean '" + s + "'?").orElse(""));
    }

    /** An enum constant written in lower case ({@code round_robin} for {@code ROUND_ROBIN}). */
    public <E extends Enum<E>> E asEnum(Class<E> type) {
        List<String> names = Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.toList());
        return Enum.valueOf(type, asChoice(names).toUpperCase(Locale.ROOT));
    }

    /** A Java regular expression; a syntax error names the offending position. */
    public Pattern asRegex() {
        String text = scalarText("a regular expression");
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            String at = e.getIndex() >= 0 ? " at index " + e.getIndex() : "";
            throw error("invalid regex '" + text + "': " + e.getDescription() + at);
        }
    }

    /** An absolute URI with a host and one of the given schemes (e.g. {@code http}, {@code https}). */
    public URI asUri(String... schemes) {
        String text = scalarText("a URL");
        String expected = "a " + String.join(" or ", schemes) + " URL with a host";
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw error("'" + text + "' is not " + expected + ": " + e.getReason());
        }
        if (uri.getScheme() == null || Arrays.stream(schemes).noneMatch(uri.getScheme()::equalsIgnoreCase) || uri.getHost() == null) {
            throw error("'" + text + "' is not " + expected);
        }
        return uri;
    }

    /** Text turned into a value by {@code parser}, whose IllegalArgumentException becomes this node's error. */
    public <T> T convert(String expected, Function<String, T> parser) {
        String text = scalarText(expected);
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    ConfigException mismatch(String expected) {
        return error("expected " + expected + ", found " + describe());
    }

    private String scalarText(String expected) {
        if (this instanceof ConfigScalar scalar && !scalar.isNull()) {
            return scalar.asText();
        }
        throw mismatch(expected);
    }

    private void checkRange(long value, long min, long max, LongFunction<String> show) {
        if (value < min || value > max) {
            boolean unbounded = max == Long.MAX_VALUE || max == Integer.MAX_VALUE;
            String range = value < min && unbounded
                    ? "at least " + show.apply(min)
                    : "between " + show.apply(min) + " and " + show.apply(max);
            throw error("must be " + range + ", found " + show.apply(value));
        }
    }
}
