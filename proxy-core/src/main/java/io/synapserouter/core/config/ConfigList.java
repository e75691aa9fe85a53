package io.synapserouter.core.config;

import java.util.List;

/** A YAML sequence; its items' paths end in {@code [index]}. */
public final class ConfigList extends ConfigNode {

    private final List<ConfigNode> items;

    ConfigList(String source, String path, int line, int column, List<ConfigNode> items) {
        super(source, path, line, column);
        this.items = List.copyOf(items);
    }

    /** An empty list at {@code path}, located at {@code at}: what an absent optional list reads as. */
    public static ConfigList emptyAt(ConfigNode at, String path) {
        return new ConfigList(at.source(), path, at.line(), at.column(), List.of());
    }

    @Override
    public ConfigList asList() {
        return this;
    }

    public List<ConfigNode> items() {
        return items;
    }

    public int size() {
        return items.size();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    @Override
    public String describe() {
        return "a list";
    }
}
