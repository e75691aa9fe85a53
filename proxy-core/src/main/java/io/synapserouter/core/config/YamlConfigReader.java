package io.synapserouter.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import io.synapserouter.core.config.internal.VariableSubstitution;

/**
 * Reads a YAML config file into a {@link ConfigNode} tree in which every key and value knows its line,
 * column and key path. Jackson's streaming parser supplies the positions (a databind tree would lose
 * them). Environment variables are substituted in scalar values only, after parsing, so positions stay
 * those of the file and a variable may stand for a number or a boolean ({@code port: ${PORT:-8008}}).
 * A value that substitutes to an empty string reads as null, as if nothing had been written.
 *
 * <p>Refused, with a located error: YAML syntax errors, duplicate keys, aliases ({@code *name}, whose
 * expansion Jackson does not perform), more than one document, and a top level that is not a map.
 */
public final class YamlConfigReader {

    private static final YAMLFactory YAML = new YAMLFactory();

    private final String source;
    private final VariableSubstitution variables;

    private YamlConfigReader(String source, Map<String, String> env) {
        this.source = source;
        this.variables = new VariableSubstitution(env);
    }

    /**
     * Reads {@code file}; errors name the file as given.
     *
     * @throws ConfigException when the file cannot be read or is not valid YAML
     */
    public static ConfigMap read(Path file, Map<String, String> env) {
        String source = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw ConfigException.ofFile(source, "no such file");
        } catch (AccessDeniedException e) {
            throw ConfigException.ofFile(source, "permission denied");
        } catch (MalformedInputException e) {
            throw ConfigException.ofFile(source, "not UTF-8 text");
        } catch (IOException e) {
            throw ConfigException.ofFile(source, "cannot be read: " + e);
        }
        return read(text, source, env);
    }

    /**
     * Reads YAML text.
     *
     * @param source names the text in errors (a file name, or a label such as {@code <test>})
     * @param env    the variables {@code ${VAR}} may name
     * @throws ConfigException when the text is not valid YAML or a variable cannot be substituted
     */
    public static ConfigMap read(String yaml, String source, Map<String, String> env) {
        return new YamlConfigReader(source, env).readDocument(yaml);
    }

    private ConfigMap readDocument(String yaml) {
        try (JsonParser parser = YAML.createParser(yaml)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new ConfigMap(source, "", 1, 1, Map.of(), Map.of());
            }
            ConfigNode root = readValue((YAMLParser) parser, "");
            if (!(root instanceof ConfigMap map)) {
                throw root.error("the file must be a map of keys, found " + root.describe());
            }
            if (parser.nextToken() != null) {
                throw at(parser, "", "more than one YAML document ('---'); write a single document");
            }
            return map;
        } catch (JsonProcessingException e) {
            throw syntaxError(e);
        } catch (IOException e) {
            // The text is already in memory: there is no I/O left to fail, only the parser.
            throw ConfigException.ofFile(source, "cannot be parsed: " + e);
        }
    }

    private ConfigNode readValue(YAMLParser parser, String path) throws IOException {
        JsonLocation where = parser.currentTokenLocation();
        int line = where.getLineNr();
        int column = where.getColumnNr();
        JsonToken token = parser.currentToken();
        if (parser.isCurrentAlias()) {
            throw at(parser, path, "YAML aliases (*" + parser.getText() + ") are not supported; write the value out in full");
        }
        switch (token) {
            case START_OBJECT -> {
                Map<String, ConfigScalar> keys = new LinkedHashMap<>();
                Map<String, ConfigNode> values = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    String childPath = path.isEmpty() ? name : path + "." + name;
                    JsonLocation keyAt = parser.currentTokenLocation();
                    ConfigScalar key = new ConfigScalar(source, childPath, keyAt.getLineNr(), keyAt.getColumnNr(), name, ConfigScalar.Kind.TEXT);
                    ConfigScalar earlier = keys.putIfAbsent(name, key);
                    if (earlier != null) {
                        throw key.error("duplicate key (first written at line " + earlier.line() + ")");
                    }
                    parser.nextToken();
                    values.put(name, readValue(parser, childPath));
                }
                return new ConfigMap(source, path, line, column, keys, values);
            }
            case START_ARRAY -> {
                List<ConfigNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(parser, path + "[" + items.size() + "]"));
                }
                return new ConfigList(source, path, line, column, items);
            }
            case VALUE_NULL -> {
                return new ConfigScalar(source, path, line, column, null, ConfigScalar.Kind.NULL);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new ConfigScalar(source, path, line, column, parser.getText(), ConfigScalar.Kind.BOOLEAN);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new ConfigScalar(source, path, line, column, parser.getText(), ConfigScalar.Kind.NUMBER);
            }
            case VALUE_STRING -> {
                return text(parser.getText(), path, line, column);
            }
            default -> throw at(parser, path, "unexpected YAML content (" + token + ")");
        }
    }

    private ConfigScalar text(String raw, String path, int line, int column) {
        if (!VariableSubstitution.mentionsVariable(raw)) {
            return new ConfigScalar(source, path, line, column, raw, ConfigScalar.Kind.TEXT);
        }
        String value;
        try {
            value = variables.apply(raw);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(new ConfigProblem(source, line, column, path, e.getMessage()));
        }
        return value.isEmpty()
                ? new ConfigScalar(source, path, line, column, null, ConfigScalar.Kind.NULL)
                : new ConfigScalar(source, path, line, column, value, ConfigScalar.Kind.TEXT);
    }

    private ConfigException at(JsonParser parser, String path, String message) {
        JsonLocation where = parser.currentTokenLocation();
        return new ConfigException(new ConfigProblem(source, where.getLineNr(), where.getColumnNr(), path, message));
    }

    /** SnakeYAML's marks are exact where Jackson's location trails behind, so prefer them. */
    private ConfigException syntaxError(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            Mark problemAt = marked.getProblemMark();
            StringBuilder message = new StringBuilder("invalid YAML: ").append(marked.getProblem());
            Mark contextAt = marked.getContextMark();
            if (marked.getContext() != null) {
                message.append(" (").append(marked.getContext());
                if (contextAt != null && contextAt.getLine() != problemAt.getLine()) {
                    message.append(" that starts at line ").append(contextAt.getLine() + 1);
                }
                message.append(')');
            }
            return new ConfigException(new ConfigProblem(source, problemAt.getLine() + 1, problemAt.getColumn() + 1, "", message.toString()));
        }
        JsonLocation where = e.getLocation();
        return new ConfigException(new ConfigProblem(source, where == null ? 0 : where.getLineNr(),
                where == null ? 0 : where.getColumnNr(), "", "invalid YAML: " + e.getOriginalMessage()));
    }
}
