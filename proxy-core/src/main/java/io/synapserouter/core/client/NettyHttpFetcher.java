package io.synapserouter.core.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One connection per fetch, closed afterwards. Lookups are rare next to proxied traffic (identity
 * answers are cached, health checks are periodic), so a pool would buy little here.
 */
public final class NettyHttpFetcher implements HttpFetcher {

    /** Answers larger than this are refused: a whoami or health answer is a few hundred bytes. */
    private static final int MAX_BODY = 64 * 1024;

    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;

    public NettyHttpFetcher(EventLoopGroup group, Class<? extends SocketChannel> channelType) {
        this.group = group;
        this.channelType = channelType;
    }

    @Override
    public CompletionStage<FetchResponse> get(InetSocketAddress address, String rawTarget, HttpHeaders headers, Duration timeout) {
        CompletableFuture<FetchResponse> result = new CompletableFuture<>();
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new HttpClientCodec())
                                .addLast(new HttpObjectAggregator(MAX_BODY))
                                .addLast(new ResponseHandler(result));
                    }
                });
        ChannelFuture connect = bootstrap.connect(address);
        Channel channel = connect.channel();
        ScheduledFuture<?> deadline = channel.eventLoop().schedule(() -> {
            if (result.completeExceptionally(new FetchTimeoutException("no answer within " + timeout.toMillis() + " ms"))) {
                channel.close();
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        result.whenComplete((r, e) -> {
            deadline.cancel(false);
            channel.close();
        });
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
                return;
            }
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, rawTarget);
            request.headers().add(headers);
            if (!request.headers().contains(HttpHeaderNames.HOST)) {
                request.headers().set(HttpHeaderNames.HOST, address.getHostString() + ":" + address.getPort());
            }
            request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            channel.writeAndFlush(request).addListener(w -> {
                if (!w.isSuccess()) {
                    result.completeExceptionally(w.cause());
                }
            });
        });
        return result;
    }

    private static final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final CompletableFuture<FetchResponse> result;

        ResponseHandler(CompletableFuture<FetchResponse> result) {
            this.result = result;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            result.complete(new FetchResponse(response.status().code(), ByteBufUtil.getBytes(response.content())));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            result.completeExceptionally(new IOException("connection closed before a complete answer"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            result.completeExceptionally(cause);
            ctx.close();
        }
    }
}
