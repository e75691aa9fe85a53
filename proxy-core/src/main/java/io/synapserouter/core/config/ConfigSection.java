package io.synapserouter.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One map of a config file read against its schema: its unknown keys are reported, and each typed
 * read either returns the value, the default when the key is absent or null, or (recording the problem
 * in the shared {@link ConfigProblems}) the default, so that reading continues and every mistake in
 * the file is reported at once.
 */
public final class ConfigSection {

    private final ConfigMap map;
    private final ConfigProblems problems;
    /** The section was not a map (already reported): its required keys are not reported missing on top. */
    private final boolean standIn;

    private ConfigSection(ConfigMap map, List<String> known, ConfigProblems problems, boolean standIn) {
        this.map = map;
        this.problems = problems;
        this.standIn = standIn;
        problems.check(() -> map.allowOnly(known));
    }

    /** The top level of a file, whose keys must be among {@code known}. */
    public static ConfigSection of(ConfigMap map, List<String> known, ConfigProblems problems) {
        return new ConfigSection(map, known, problems, false);
    }

    public ConfigMap map() {
        return map;
    }

    public ConfigProblems problems() {
        return problems;
    }

    /** The map under {@code key} (empty when absent, null, or not a map, the last being recorded). */
    public ConfigSection section(String key, List<String> known) {
        ConfigMap child = problems.attempt(() -> map.mapOrEmpty(key), null);
        return child != null
                ? new ConfigSection(child, known, problems, false)
                : new ConfigSection(ConfigMap.emptyAt(map.get(key), map.childPath(key)), known, problems, true);
    }

    /** The list under {@code key} (empty when absent, null, or not a list, the last being recorded). */
    public ConfigList list(String key) {
        ConfigList list = problems.attempt(() -> map.listOrEmpty(key), null);
        return list != null ? list : ConfigList.emptyAt(map.get(key), map.childPath(key));
    }

    /** The value under {@code key}, or empty when the key is absent or null. */
    public Optional<ConfigNode> find(String key) {
        return map.find(key);
    }

    /** {@code read} applied to the value, {@code fallback} when the key is absent or null or the value is wrong. */
    public <T> T get(String key, Function<ConfigNode, T> read, T fallback) {
        Optional<ConfigNode> node = map.find(key);
        return node.isEmpty() ? fallback : problems.attempt(() -> read.apply(node.get()), fallback);
    }

    /** {@code read} applied to a value that must be there; null (with the problem recorded) otherwise. */
    public <T> T require(String key, String hint, Function<ConfigNode, T> read) {
        if (standIn) {
            return null;
        }
        return problems.attempt(() -> read.apply(map.require(key, hint)), null);
    }

    public Duration duration(String key, Duration fallback) {
        return get(key, ConfigNode::asDuration, fallback);
    }

    public Duration positiveDuration(String key, Duration fallback) {
        return get(key, ConfigNode::asPositiveDuration, fallback);
    }

    public int integer(String key, int min, int max, int fallback) {
        return get(key, n -> n.asInt(min, max), fallback);
    }

    public long size(String key, long min, long max, long fallback) {
        return get(key, n -> n.asSize(min, max), fallback);
    }

    public boolean bool(String key, boolean fallback) {
        return get(key, ConfigNode::asBoolean, fallback);
    }

    public <E extends Enum<E>> E enumValue(String key, Class<E> type, E fallback) {
        return get(key, n -> n.asEnum(type), fallback);
    }

    public String choice(String key, List<String> choices, String fallback) {
        return get(key, n -> n.asChoice(choices), fallback);
    }
}
