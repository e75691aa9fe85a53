package io.synapserouter.routing;

import io.synapserouter.core.error.ErrorBody;
import io.synapserouter.core.error.ProxyError;

/**
 * The proxy's own answers in the form Matrix clients and servers understand:
 * {@code {"errcode":"M_TOO_LARGE","error":"…"}}. Only a body too large has its own Matrix code;
 * every other condition the proxy can report (gateway failures, no upstream, timeouts, malformed
 * requests it cannot parse) is {@code M_UNKNOWN}, as Synapse itself answers them.
 */
public final class MatrixErrorBody implements ErrorBody {

    public static final MatrixErrorBody INSTANCE = new MatrixErrorBody();

    private MatrixErrorBody() {
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public String render(ProxyError error, String message) {
        String text = message == null || message.isBlank() ? defaultMessage(error) : message;
        StringBuilder json = new StringBuilder(48 + text.length());
        json.append("{\"errcode\":\"").append(errcode(error)).append("\",\"error\":\"");
        appendEscaped(json, text);
        return json.append("\"}").toString();
    }

    /** The Matrix error code for a proxy error. */
    public static String errcode(ProxyError error) {
        return error == ProxyError.TOO_LARGE ? "M_TOO_LARGE" : "M_UNKNOWN";
    }

    static String defaultMessage(ProxyError error) {
        return switch (error) {
            case BAD_REQUEST -> "Malformed request";
            case TOO_LARGE -> "Request body too large";
            case URI_TOO_LONG -> "Request URI too long";
            case HEADERS_TOO_LARGE -> "Request headers too large";
            case REQUEST_TIMEOUT -> "Timed out waiting for the request";
            case BAD_GATEWAY -> "The homeserver could not be reached";
            case GATEWAY_TIMEOUT -> "The homeserver did not answer in time";
            case NO_UPSTREAM -> "No homeserver process is available to serve this request";
            case SHUTTING_DOWN -> "The proxy is shutting down";
        };
    }

    private static void appendEscaped(StringBuilder json, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
    }
}
