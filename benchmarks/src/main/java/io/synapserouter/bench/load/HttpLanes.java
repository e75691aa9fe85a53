package io.synapserouter.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
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
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.synapserouter.core.transport.Transport;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A fixed number of keep-alive HTTP/1.1 connections ("lanes") to one address. A lane carries one
 * request at a time; a lane the server closed is reconnected on its next use. Callers that send from
 * their own thread may block (connects); completions run on the client's event loop.
 */
public final class HttpLanes implements AutoCloseable {

    private static final AttributeKey<CompletableFuture<Reply>> PENDING = AttributeKey.valueOf("pending");

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final InetSocketAddress target;
    private final String hostHeader;
    private final Channel[] lanes;
    private final long timeoutMillis;

    public HttpLanes(InetSocketAddress target, int laneCount, long timeoutMillis) {
        Transport transport = Transport.best();
        this.group = transport.newGroup(1, new DefaultThreadFactory("lanes", true));
        this.target = target;
        this.hostHeader = target.getHostString() + ":" + target.getPort();
        this.lanes = new Channel[laneCount];
        this.timeoutMillis = timeoutMillis;
        this.bootstrap = new Bootstrap().group(group).channel(transport.clientChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20), new ReplyHandler());
                    }
                });
    }

    public int size() {
        return lanes.length;
    }

    /** Sends one request on {@code lane}, which must not have a request in flight. */
    public CompletableFuture<Reply> send(int lane, String method, String uri, String bearerToken) {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        Channel ch;
        try {
            ch = channel(lane);
        } catch (Exception e) { // connect failures arrive sneaky-thrown from syncUninterruptibly
            reply.complete(Reply.FAILED);
            return reply;
        }
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), uri);
        req.headers().set(HttpHeaderNames.HOST, hostHeader).setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        if (bearerToken != null) {
            req.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + bearerToken);
        }
        ch.attr(PENDING).set(reply);
        ch.writeAndFlush(req).addListener(f -> {
            if (!f.isSuccess()) {
                reply.complete(Reply.FAILED);
            }
        });
        // A lane whose request failed or timed out may still get a late answer: drop the connection.
        Channel used = ch;
        return reply.completeOnTimeout(Reply.FAILED, timeoutMillis, TimeUnit.MILLISECONDS)
                .whenComplete((r, e) -> {
                    if (r == Reply.FAILED) {
                        used.close();
                    }
                });
    }

    private Channel channel(int lane) {
        Channel ch = lanes[lane];
        if (ch == null || !ch.isActive()) {
            ch = bootstrap.connect(target).syncUninterruptibly().channel();
            lanes[lane] = ch;
        }
        return ch;
    }

    /**
     * Sends {@code count} requests, request {@code i} made by {@code requestOf}, keeping every lane busy;
     * returns the replies in request order.
     */
    public List<Reply> runAll(int count, IntFunction<Request> requestOf) throws InterruptedException {
        BlockingQueue<Integer> free = new ArrayBlockingQueue<>(lanes.length);
        for (int i = 0; i < lanes.length; i++) {
            free.add(i);
        }
        List<CompletableFuture<Reply>> replies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Integer lane = free.poll(timeoutMillis * 2, TimeUnit.MILLISECONDS);
            if (lane == null) {
                throw new IllegalStateException("no lane freed within " + timeoutMillis * 2 + " ms");
            }
            Request r = requestOf.apply(i);
            CompletableFuture<Reply> reply = send(lane, r.method(), r.uri(), r.bearerToken());
            reply.whenComplete((ok, err) -> free.add(lane));
            replies.add(reply);
        }
        List<Reply> out = new ArrayList<>(count);
        for (CompletableFuture<Reply> reply : replies) {
            out.add(reply.join());
        }
        return out;
    }

    /** One request of a {@link #runAll} batch. */
    public record Request(String method, String uri, String bearerToken) {
    }

    @Override
    public void close() {
        for (Channel ch : lanes) {
            if (ch != null) {
                ch.close();
            }
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static final class ReplyHandler extends SimpleChannelInboundHandler<FullHttpResponse> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse msg) {
            CompletableFuture<Reply> reply = ctx.channel().attr(PENDING).getAndSet(null);
            if (reply != null) {
                reply.complete(new Reply(msg.status().code(), msg.headers().get("X-Served-By")));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            CompletableFuture<Reply> reply = ctx.channel().attr(PENDING).getAndSet(null);
            if (reply != null) {
                reply.complete(Reply.FAILED);
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
