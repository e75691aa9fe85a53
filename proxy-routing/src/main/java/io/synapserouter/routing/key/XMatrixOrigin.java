package io.synapserouter.routing.key;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;

/**
 * Reads the sending server of a federation request from {@code Authorization: X-Matrix origin=…,…}.
 *
 * <p>The header is an RFC 9110 auth-param list: the scheme and parameter names are case-insensitive,
 * values may be tokens or quoted strings, and whitespace around commas and {@code =} is allowed. Older
 * senders leave values unquoted even when they contain a colon ({@code origin=example.org:8448}), which
 * the Matrix spec asks recipients to accept. A request may carry several such headers (one per
 * signature); the first with an origin wins. Nothing is validated beyond what a routing key needs: the
 * signature is Synapse's business.
 */
public final class XMatrixOrigin {

    /** Longer values are not server names; they are not worth a key. */
    private static final int MAX_ORIGIN_LENGTH = 255;
    private static final String SCHEME = "X-Matrix";

    private XMatrixOrigin() {
    }

    /** @return the origin of the first X-Matrix Authorization header, or null when there is none */
    public static String find(HttpHeaders headers) {
        String first = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (first == null) {
            return null;
        }
        String origin = parse(first);
        if (origin != null) {
            return origin;
        }
        List<String> all = headers.getAll(HttpHeaderNames.AUTHORIZATION);
        for (int i = 1; i < all.size(); i++) {
            origin = parse(all.get(i));
            if (origin != null) {
                return origin;
            }
        }
        return null;
    }

    /** @return the {@code origin} parameter of one header value, or null when absent or malformed */
    public static String parse(String value) {
        int end = value.length();
        int i = skipWhitespace(value, 0, end);
        if (!value.regionMatches(true, i, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        i += SCHEME.length();
        if (i >= end || !isWhitespace(value.charAt(i))) {
            return null;
        }
        while (i < end) {
            i = skipWhitespaceAndCommas(value, i, end);
            if (i >= end) {
                return null;
            }
            int nameStart = i;
            while (i < end && isTokenChar(value.charAt(i))) {
                i++;
            }
            int nameEnd = i;
            if (nameEnd == nameStart) {
                return null;
            }
            i = skipWhitespace(value, i, end);
            if (i >= end || value.charAt(i) != '=') {
                return null;
            }
            i = skipWhitespace(value, i + 1, end);
            boolean isOrigin = nameEnd - nameStart == 6 && value.regionMatches(true, nameStart, "origin", 0, 6);
            String parsed;
            if (i < end && value.charAt(i) == '"') {
                StringBuilder quoted = isOrigin ? new StringBuilder() : null;
                i++;
                boolean closed = false;
                while (i < end) {
                    char c = value.charAt(i++);
                    if (c == '"') {
                        closed = true;
                        break;
                    }
                    if (c == '\\' && i < end) {
                        c = value.charAt(i++);
                    }
                    if (quoted != null) {
                        quoted.append(c);
                    }
                }
                if (!closed) {
                    return null;
                }
                parsed = quoted == null ? null : quoted.toString();
            } else {
                int valueStart = i;
                // Lenient on purpose: older senders leave colons (origin) and base64 (sig) unquoted.
                while (i < end && value.charAt(i) != ',' && !isWhitespace(value.charAt(i))) {
                    i++;
                }
                parsed = isOrigin ? value.substring(valueStart, i) : null;
            }
            if (isOrigin) {
                return isPlausibleServerName(parsed) ? parsed : null;
            }
        }
        return null;
    }

    private static boolean isPlausibleServerName(String s) {
        if (s.isEmpty() || s.length() > MAX_ORIGIN_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static int skipWhitespace(String s, int i, int end) {
        while (i < end && isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipWhitespaceAndCommas(String s, int i, int end) {
        while (i < end && (isWhitespace(s.charAt(i)) || s.charAt(i) == ',')) {
            i++;
        }
        return i;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    /** RFC 9110 tchar. */
    private static boolean isTokenChar(char c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        return switch (c) {
            case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~' -> true;
            default -> false;
        };
    }
}
