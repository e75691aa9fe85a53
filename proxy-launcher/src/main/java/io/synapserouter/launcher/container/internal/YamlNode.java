package io.synapserouter.launcher.container.internal;

import java.util.List;
import java.util.Map;

/** A YAML value that remembers the line it came from, so errors can point at it. */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    int line();

    /** What kind of value this is, for "expected a list, found a string" messages. */
    String kind();

    /** A mapping; keys in file order, each with its own line. */
    record Mapping(Map<String, Entry> entries, int line) implements YamlNode {
        @Override
        public String kind() {
            return "a mapping";
        }
    }

    record Entry(String key, int line, YamlNode value) {
    }

    record Sequence(List<YamlNode> items, int line) implements YamlNode {
        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A scalar's text as written; null for YAML's null ({@code ~}, empty). */
    record Scalar(String text, int line) implements YamlNode {
        @Override
        public String kind() {
            return text == null ? "nothing (null)" : "a single value";
        }
    }
}
