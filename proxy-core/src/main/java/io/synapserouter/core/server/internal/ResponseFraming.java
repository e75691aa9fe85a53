package io.synapserouter.core.server.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Re-frames an upstream response for the client it goes to. The upstream hop is always HTTP/1.1
 * keep-alive; the client may be HTTP/1.0 (no chunked coding), and an upstream body delimited only by
 * its connection closing must be delimited some other way before it can share a kept-alive client
 * connection.
 */
final class ResponseFraming {

    private ResponseFraming() {
    }

    /**
     * Adjusts the status line, framing and {@code Connection} headers of {@code response} (already
     * stripped of hop-by-hop headers) and says whether the client connection must close after it.
     *
     * @param http10    the client spoke HTTP/1.0
     * @param bodiless  no body follows whatever the headers say (HEAD, 204, 304)
     * @param mustClose the connection closes anyway (client asked, request unread, draining)
     */
    static boolean prepare(HttpResponse response, boolean http10, boolean bodiless, boolean mustClose) {
        HttpHeaders headers = response.headers();
        response.setProtocolVersion(HttpVersion.HTTP_1_1);
        boolean close = mustClose;
        boolean chunked = HttpUtil.isTransferEncodingChunked(response);
        boolean hasLength = headers.contains(HttpHeaderNames.CONTENT_LENGTH);
        if (http10) {
            if (chunked) {
                // HTTP/1.0 knows no chunked coding: the body goes as is, ended by closing.
                headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
            }
            if (!bodiless && !hasLength) {
                close = true;
            }
            if (!close) {
                headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
        } else if (!chunked && !hasLength && !bodiless) {
            // A body that ends with the upstream connection: chunk it so the client connection can stay.
            HttpUtil.setTransferEncodingChunked(response, true);
        }
        if (close) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return close;
    }
}
