package io.synapserouter.core.server.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Removes the headers that describe one connection rather than the message (RFC 9110 §7.6.1), so that
 * neither side's connection management leaks across the proxy.
 *
 * <p>Framing headers ({@code Content-Length}, {@code Transfer-Encoding}) and {@code Host} survive even
 * when {@code Connection} names them: the relay frames the forwarded message exactly as it was decoded,
 * and dropping a framing header the decoder honoured would desynchronise the two hops (smuggling).
 */
final class HopByHopHeaders {

    /** Prefix of the headers the proxy itself sets; clients may not inject them. */
    static final String INTERNAL_PREFIX = "x-synapse-router-";

    private static final AsciiString KEEP_ALIVE = AsciiString.cached("keep-alive");
    private static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");

    private HopByHopHeaders() {
    }

    /** Strips a request bound upstream, including credentials meant for this proxy and our own headers. */
    static void stripRequest(HttpHeaders headers) {
        strip(headers);
        headers.remove(HttpHeaderNames.PROXY_AUTHORIZATION);
        removeInternal(headers);
    }

    /** Strips a response bound to the client. */
    static void stripResponse(HttpHeaders headers) {
        strip(headers);
    }

    private static void strip(HttpHeaders headers) {
        List<String> connection = headers.getAll(HttpHeaderNames.CONNECTION);
        for (String value : connection) {
            int start = 0;
            int length = value.length();
            while (start < length) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? length : comma;
                String name = value.substring(start, end).trim();
                if (!name.isEmpty() && !isProtected(name)) {
                    headers.remove(name);
                }
                start = end + 1;
            }
        }
        headers.remove(HttpHeaderNames.CONNECTION);
        headers.remove(KEEP_ALIVE);
        headers.remove(PROXY_CONNECTION);
        headers.remove(HttpHeaderNames.TE);
        headers.remove(HttpHeaderNames.TRAILER);
        headers.remove(HttpHeaderNames.UPGRADE);
    }

    private static boolean isProtected(String name) {
        return HttpHeaderNames.CONTENT_LENGTH.contentEqualsIgnoreCase(name)
                || HttpHeaderNames.TRANSFER_ENCODING.contentEqualsIgnoreCase(name)
                || HttpHeaderNames.HOST.contentEqualsIgnoreCase(name);
    }

    private static void removeInternal(HttpHeaders headers) {
        List<String> internal = null;
        for (Map.Entry<CharSequence, CharSequence> header : iterable(headers)) {
            CharSequence name = header.getKey();
            if (name.length() >= INTERNAL_PREFIX.length()
                    && AsciiString.regionMatches(name, true, 0, INTERNAL_PREFIX, 0, INTERNAL_PREFIX.length())) {
                if (internal == null) {
                    internal = new ArrayList<>(2);
                }
                internal.add(name.toString());
            }
        }
        if (internal != null) {
            internal.forEach(headers::remove);
        }
    }

    private static Iterable<Map.Entry<CharSequence, CharSequence>> iterable(HttpHeaders headers) {
        return headers::iteratorCharSequence;
    }
}
