package io.synapserouter.core.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.synapserouter.core.config.internal.Suggestions;

/** A YAML mapping, keys in file order. Each key remembers its own position for "unknown key" errors. */
public final class ConfigMap extends ConfigNode {

    private final Map<String, ConfigScalar> keys;
    private final Map<String, ConfigNode> values;

    ConfigMap(String source, String path, int line, int column, Map<String, ConfigScalar> keys, Map<String, ConfigNode> values) {
        super(source, path, line, column);
        this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** An empty map at {@code path}, located at {@code at}: what an absent optional section reads as. */
    public static ConfigMap emptyAt(ConfigNode at, String path) {
        return new ConfigMap(at.source(), path, at.line(), at.column(), Map.of(), Map.of());
    }

    @Override
    public ConfigMap asMap() {
        return this;
    }

    /** Keys in file order. */
    public Set<String> keys() {
        return keys.keySet();
    }

    /** Values by key, in file order. */
    public Map<String, ConfigNode> values() {
        return values;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The value of {@code key} as written (possibly null), or null when the key is absent. */
    public ConfigNode get(String key) {
        return values.get(key);
    }

    /** The value of {@code key}, or empty when the key is absent or its value is null. */
    public Optional<ConfigNode> find(String key) {
        ConfigNode node = values.get(key);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node);
    }

    /** The key itself, located where it is written; null when absent. For errors about a key rather than its value. */
    public ConfigScalar keyNode(String key) {
        return keys.get(key);
    }

    /**
     * The value of a key that must be there.
     *
     * @param hint what the key is for, appended to the error so the operator knows what to write
     */
    public ConfigNode require(String key, String hint) {
        ConfigNode node = values.get(key);
        if (node != null && !node.isNull()) {
            return node;
        }
        ConfigNode at = node != null ? node : this;
        String message = "required, but " + (node == null ? "missing" : "empty") + (hint.isEmpty() ? "" : "; " + hint);
        throw new ConfigException(new ConfigProblem(source(), at.line(), at.column(), childPath(key), message));
    }

    /** The map under {@code key}; an absent or null key reads as an empty map. */
    public ConfigMap mapOrEmpty(String key) {
        ConfigNode node = values.get(key);
        if (node == null || node.isNull()) {
            return emptyAt(node != null ? node : this, childPath(key));
        }
        return node.asMap();
    }

    /** The list under {@code key}; an absent or null key reads as an empty list. */
    public ConfigList listOrEmpty(String key) {
        ConfigNode node = values.get(key);
        if (node == null || node.isNull()) {
            return ConfigList.emptyAt(node != null ? node : this, childPath(key));
        }
        return node.asList();
    }

    /**
     * Refuses keys outside {@code known}, naming every unknown one with the known ones and, for a near
     * miss, a suggestion: {@code listeners.clinet: unknown key (known: client, federation, admin); did you mean 'client'?}.
     */
    public ConfigMap allowOnly(Collection<String> known) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (ConfigScalar key : keys.values()) {
            String name = key.asText();
            if (!known.contains(name)) {
                problems.add(key.problem("unknown key (known: " + String.join(", ", known) + ")"
                        + Suggestions.closest(name, known).map(s -> "; did you mean '" + s + "'?").orElse("")));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return this;
    }

    /** The path of a child key: {@code parent.key}, or just {@code key} at the top level. */
    public String childPath(String key) {
        return path().isEmpty() ? key : path() + "." + key;
    }

    @Override
    public String describe() {
        return "a map";
    }
}
