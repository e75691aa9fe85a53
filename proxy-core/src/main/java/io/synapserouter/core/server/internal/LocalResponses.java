package io.synapserouter.core.server.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.synapserouter.core.error.ErrorBody;
import io.synapserouter.core.error.ProxyError;
import java.nio.charset.StandardCharsets;

/** The answers the proxy writes itself: error bodies rendered by the configured {@link ErrorBody}. */
final class LocalResponses {

    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private LocalResponses() {
    }

    static FullHttpResponse error(ByteBufAllocator alloc, ErrorBody errorBody, ProxyError error, String message, boolean close) {
        String body = errorBody.render(error, message);
        ByteBuf content = ByteBufUtil.writeUtf8(alloc, body);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, error.status(), content);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, errorBody.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes())
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }

    /** A bodiless 408 for a client that did not finish its request head in time. */
    static FullHttpResponse requestTimeout() {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_TIMEOUT,
                Unpooled.EMPTY_BUFFER);
        response.headers()
                .setInt(HttpHeaderNames.CONTENT_LENGTH, 0)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }

    /**
     * The interim {@code 100 Continue}, as raw bytes. It is written below the response encoder, which
     * would otherwise count it as the answer to the request (its HEAD bookkeeping is per response).
     */
    static ByteBuf continueBytes() {
        return Unpooled.wrappedBuffer(CONTINUE);
    }
}
