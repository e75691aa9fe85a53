package io.synapserouter.core.observe.internal;

/**
 * Escaping for access-log fields that carry client-controlled text (request line, User-Agent,
 * Referer): no such field may break a line, forge a field, or break the JSON it sits in.
 */
public final class LogText {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private LogText() {
    }

    /**
     * nginx's default escaping: {@code "} and {@code \} and bytes outside printable ASCII become
     * {@code \xHH}; with {@code escapeSpace}, spaces too (for unquoted fields). {@code null} is {@code -}.
     */
    public static void appendEscaped(StringBuilder out, String value, boolean escapeSpace) {
        if (value == null || value.isEmpty()) {
            out.append('-');
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20 || c > 0x7e || (escapeSpace && c == ' ')) {
                appendHexEscaped(out, c);
            } else {
                out.append(c);
            }
        }
    }

    private static void appendHexEscaped(StringBuilder out, char c) {
        if (c <= 0xff) {
            out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            return;
        }
        // Header values reach us as ISO-8859-1 bytes; anything wider is written as its UTF-8 bytes.
        for (byte b : String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            out.append("\\x").append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
    }

    /** A JSON string literal, or {@code null} for null. */
    public static void appendJsonString(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c)) {
                        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Nanoseconds as seconds with millisecond resolution ({@code 0.123}), as nginx writes times. */
    public static void appendSeconds(StringBuilder out, long nanos) {
        long millis = Math.max(0, nanos) / 1_000_000;
        out.append(millis / 1000).append('.');
        long frac = millis % 1000;
        if (frac < 100) {
            out.append('0');
        }
        if (frac < 10) {
            out.append('0');
        }
        out.append(frac);
    }
}
