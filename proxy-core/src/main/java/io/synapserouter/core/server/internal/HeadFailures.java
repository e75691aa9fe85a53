package io.synapserouter.core.server.internal;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpMessageDecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.synapserouter.core.error.ProxyError;

/**
 * Turns the request decoder's verdict on a head into the answer it deserves: 414 when the request line
 * was too long, 431 when the head was, 400 for anything malformed (conflicting or invalid
 * Content-Length and Transfer-Encoding included). Null means the head is fine.
 */
final class HeadFailures {

    private HeadFailures() {
    }

    static ProxyError classify(DecoderResult result, int maxRequestHead) {
        if (result.isFailure()) {
            Throwable cause = result.cause();
            if (cause instanceof TooLongHttpLineException) {
                return ProxyError.URI_TOO_LONG;
            }
            if (cause instanceof TooLongHttpHeaderException) {
                return ProxyError.HEADERS_TOO_LARGE;
            }
            return ProxyError.BAD_REQUEST;
        }
        // The decoder bounds the request line and the header block separately; the limit is on both together.
        if (result instanceof HttpMessageDecoderResult head && head.totalSize() > maxRequestHead) {
            return ProxyError.HEADERS_TOO_LARGE;
        }
        return null;
    }

    /** A message for the error body: fixed text only, never the decoder's message (it may quote headers). */
    static String message(ProxyError error) {
        return switch (error) {
            case URI_TOO_LONG -> "Request line too long";
            case HEADERS_TOO_LARGE -> "Request header fields too large";
            default -> "Malformed request";
        };
    }
}
