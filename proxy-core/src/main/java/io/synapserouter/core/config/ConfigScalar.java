package io.synapserouter.core.config;

import java.util.Locale;

/** A single value: text, a number, a boolean, or null. Variables are already substituted. */
public final class ConfigScalar extends ConfigNode {

    /** What YAML made of the value before any conversion. */
    public enum Kind { TEXT, NUMBER, BOOLEAN, NULL }

    private static final int SHOWN = 60;

    private final String text;
    private final Kind kind;

    ConfigScalar(String source, String path, int line, int column, String text, Kind kind) {
        super(source, path, line, column);
        this.kind = kind;
        this.text = kind == Kind.NULL ? null : text;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public boolean isNull() {
        return kind == Kind.NULL;
    }

    @Override
    public String asText() {
        if (text == null) {
            throw mismatch("a value");
        }
        return text;
    }

    /** {@code true}/{@code false}, and YAML 1.1's {@code yes}/{@code no}, {@code on}/{@code off}, in any case. */
    @Override
    public boolean asBoolean() {
        if (text != null) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> {
                    return true;
                }
                case "false", "no", "off" -> {
                    return false;
                }
                default -> {
                }
            }
        }
        throw mismatch("true or false");
    }

    @Override
    public String describe() {
        return switch (kind) {
            case NULL -> "nothing (null)";
            case NUMBER -> "the number " + text;
            case BOOLEAN -> "the boolean " + text;
            case TEXT -> "text '" + (text.length() > SHOWN ? text.substring(0, SHOWN) + "…" : text) + "'";
        };
    }
}
