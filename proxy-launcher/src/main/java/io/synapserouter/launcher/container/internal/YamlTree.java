package io.synapserouter.launcher.container.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.synapserouter.launcher.container.SpecException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link YamlNode} tree from Jackson's YAML token stream. Jackson's own tree forgets
 * locations; this one keeps the line of every key and value, and rejects duplicate keys (which YAML
 * forbids and Jackson would silently resolve to the last).
 */
final class YamlTree {

    private static final YAMLFactory FACTORY = new YAMLFactory();

    private YamlTree() {
    }

    static YamlNode parse(String yaml, String sourceName) {
        try (JsonParser parser = FACTORY.createParser(yaml)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new SpecException(sourceName + ": the file is empty");
            }
            YamlNode root = read(parser, sourceName);
            if (parser.nextToken() != null) {
                throw new SpecException(sourceName + ":" + parser.currentTokenLocation().getLineNr()
                        + ": only one YAML document is allowed");
            }
            return root;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new SpecException(sourceName + ":" + line + ": not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new SpecException(sourceName + ": " + e.getMessage(), e);
        }
    }

    private static YamlNode read(JsonParser parser, String sourceName) throws IOException {
        JsonToken token = parser.currentToken();
        int line = parser.currentTokenLocation().getLineNr();
        switch (token) {
            case START_OBJECT -> {
                Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int keyLine = parser.currentTokenLocation().getLineNr();
                    parser.nextToken();
                    YamlNode value = read(parser, sourceName);
                    YamlNode.Entry previous = entries.put(key, new YamlNode.Entry(key, keyLine, value));
                    if (previous != null) {
                        throw new SpecException(sourceName + ":" + keyLine + ": key '" + key
                                + "' appears twice in one mapping (first on line " + previous.line() + ")");
                    }
                }
                return new YamlNode.Mapping(entries, line);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(parser, sourceName));
                }
                return new YamlNode.Sequence(items, line);
            }
            case VALUE_NULL -> {
                return new YamlNode.Scalar(null, line);
            }
            default -> {
                return new YamlNode.Scalar(parser.getText(), line);
            }
        }
    }
}
