package io.synapserouter.launcher.docker.internal;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * One request on its own connection ({@code Connection: close}): the Engine's answers are small JSON
 * documents, and a fresh connection per call keeps a long {@code wait} from holding up anything else.
 * Aggregation is fine here: this is the control plane, not the proxy path.
 */
public final class EngineExchange {

    private static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

    private EngineExchange() {
    }

    /** Sends {@code method uri} with an optional JSON body; the future fails only on I/O trouble. */
    public static CompletableFuture<EngineResponse> send(EngineConnector connector, HttpMethod method, String uri,
                                                         byte[] jsonBody) {
        CompletableFuture<EngineResponse> result = new CompletableFuture<>();
        connector.connect(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline()
                        .addLast(new HttpClientCodec())
                        .addLast(new HttpObjectAggregator(MAX_RESPONSE_BYTES))
                        .addLast(new ResponseHandler(result));
            }
        }).addListener(connected -> {
            if (!connected.isSuccess()) {
                result.completeExceptionally(connected.cause());
                return;
            }
            Channel channel = ((io.netty.channel.ChannelFuture) connected).channel();
            // A caller that gives up (timeout) closes the connection, which also ends a long wait.
            result.whenComplete((r, e) -> channel.close());
            channel.writeAndFlush(request(method, uri, jsonBody)).addListener(written -> {
                if (!written.isSuccess()) {
                    result.completeExceptionally(written.cause());
                }
            });
        });
        return result;
    }

    public static FullHttpRequest request(HttpMethod method, String uri, byte[] jsonBody) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
                jsonBody == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(jsonBody));
        request.headers()
                .set(HttpHeaderNames.HOST, "docker")
                .set(HttpHeaderNames.USER_AGENT, "synapse-router")
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, jsonBody == null ? 0 : jsonBody.length);
        if (jsonBody != null) {
            request.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        }
        return request;
    }

    private static final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {

        private final CompletableFuture<EngineResponse> result;

        ResponseHandler(CompletableFuture<EngineResponse> result) {
            this.result = result;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            result.complete(new EngineResponse(response.status().code(), ByteBufUtil.getBytes(response.content())));
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            result.completeExceptionally(new IOException("the Engine closed the connection before answering"));
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            result.completeExceptionally(cause);
            ctx.close();
        }
    }
}
