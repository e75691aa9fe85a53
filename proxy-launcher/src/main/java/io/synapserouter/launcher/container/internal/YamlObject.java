package io.synapserouter.launcher.container.internal;

import io.synapserouter.launcher.container.SpecException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mapping being read into a record: typed getters that fail with the key's dotted path and line,
 * and {@link #finish} to reject every key nobody asked for.
 */
final class YamlObject {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private final String source;
    private final String path;
    private final YamlNode.Mapping node;
    private final Set<String> known = new LinkedHashSet<>();
    /** Where a missing key is reported: the line of the key that holds this mapping. */
    private final int anchorLine;

    YamlObject(String source, String path, YamlNode node) {
        this(source, path, node, node.line());
    }

    private YamlObject(String source, String path, YamlNode node, int anchorLine) {
        this.source = source;
        this.path = path;
        this.anchorLine = anchorLine;
        if (!(node instanceof YamlNode.Mapping mapping)) {
            throw error(node.line(), path, "expected a mapping (key: value), found " + node.kind());
        }
        this.node = mapping;
    }

    String source() {
        return source;
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    int line() {
        return node.line();
    }

    Optional<YamlNode> get(String key) {
        known.add(key);
        YamlNode.Entry entry = node.entries().get(key);
        if (entry == null || (entry.value() instanceof YamlNode.Scalar s && s.text() == null)) {
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    YamlNode require(String key) {
        return get(key).orElseThrow(() -> error(anchorLine, path(key), "required"));
    }

    /** The keys in file order (for mappings whose keys are names, like {@code containers}). */
    List<YamlNode.Entry> entries() {
        known.addAll(node.entries().keySet());
        return List.copyOf(node.entries().values());
    }

    String string(String key, String fallback) {
        return get(key).map(v -> scalar(v, path(key))).orElse(fallback);
    }

    String requireString(String key) {
        String value = scalar(require(key), path(key));
        if (value.isBlank()) {
            throw error(node.entries().get(key).line(), path(key), "must not be empty");
        }
        return value;
    }

    boolean bool(String key, boolean fallback) {
        Optional<YamlNode> value = get(key);
        if (value.isEmpty()) {
            return fallback;
        }
        String text = scalar(value.get(), path(key));
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error(value.get().line(), path(key), "expected true or false, found '" + text + "'");
        };
    }

    int integer(String key, int fallback) {
        Optional<YamlNode> value = get(key);
        if (value.isEmpty()) {
            return fallback;
        }
        String text = scalar(value.get(), path(key));
        try {
            int n = Integer.parseInt(text);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw error(value.get().line(), path(key), "expected a whole number ≥ 0, found '" + text + "'");
        }
    }

    Duration duration(String key, Duration fallback) {
        Optional<YamlNode> value = get(key);
        if (value.isEmpty()) {
            return fallback;
        }
        String text = scalar(value.get(), path(key));
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw error(value.get().line(), path(key), "expected a duration like 500ms, 10s, 2m or 1h, found '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** A list of strings; a single string is accepted as a list of one when {@code singleOk}. */
    List<String> strings(String key, boolean singleOk) {
        Optional<YamlNode> value = get(key);
        if (value.isEmpty()) {
            return List.of();
        }
        return strings(value.get(), path(key), singleOk);
    }

    List<String> strings(YamlNode value, String at, boolean singleOk) {
        if (value instanceof YamlNode.Scalar s && singleOk) {
            return List.of(scalar(s, at));
        }
        List<String> out = new ArrayList<>();
        for (YamlNode item : sequence(value, at)) {
            out.add(scalar(item, at + "[" + out.size() + "]"));
        }
        return out;
    }

    /** A mapping of names to single values, in file order. */
    Map<String, String> stringMap(String key) {
        Optional<YamlNode> value = get(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (value.isEmpty()) {
            return out;
        }
        YamlObject map = new YamlObject(source, path(key), value.get());
        for (YamlNode.Entry entry : map.entries()) {
            if (entry.value() instanceof YamlNode.Scalar s && s.text() == null) {
                throw error(entry.line(), map.path(entry.key()), "a value is required (write \"\" for an empty one)");
            }
            out.put(entry.key(), scalar(entry.value(), map.path(entry.key())));
        }
        return out;
    }

    List<YamlNode> sequence(YamlNode value, String at) {
        if (!(value instanceof YamlNode.Sequence seq)) {
            throw error(value.line(), at, "expected a list, found " + value.kind());
        }
        return seq.items();
    }

    String scalar(YamlNode value, String at) {
        if (!(value instanceof YamlNode.Scalar s) || s.text() == null) {
            throw error(value.line(), at, "expected a single value, found " + value.kind());
        }
        return s.text();
    }

    YamlObject object(YamlNode value, String at) {
        return new YamlObject(source, at, value);
    }

    /** The mapping under {@code entry} of this one; its missing keys are reported at the entry's line. */
    YamlObject object(YamlNode.Entry entry) {
        return new YamlObject(source, path(entry.key()), entry.value(), entry.line());
    }

    /** The mapping under {@code key} (which must be present). */
    YamlObject objectAt(String key) {
        YamlNode.Entry entry = node.entries().get(key);
        require(key);
        return object(entry);
    }

    /** Rejects the keys nobody asked for, naming the first one and its line. */
    void finish() {
        for (YamlNode.Entry entry : node.entries().values()) {
            if (!known.contains(entry.key())) {
                throw error(entry.line(), path(entry.key()), "unknown key (expected one of: " + String.join(", ", known) + ")");
            }
        }
    }

    SpecException error(int line, String at, String problem) {
        return new SpecException(source + ":" + line + ": " + at + ": " + problem);
    }
}
