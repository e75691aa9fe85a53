package io.synapserouter.core.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.stream.ChunkedInput;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A purpose-built upstream for engine tests. What it does depends on the request path:
 * <ul>
 *   <li>{@code /download?bytes=N&seed=S&mode=chunked|length}: N pattern bytes, generated as the
 *       connection drains (so generated-but-unsent bytes stay bounded);</li>
 *   <li>{@code /headers}: the request head it received, one {@code name: value} per line, answered
 *       with a set of hop-by-hop headers that a proxy must strip;</li>
 *   <li>{@code /slow?ms=N}: answers after N ms; {@code /hang}: never answers;</li>
 *   <li>{@code /reset}: resets the connection at the head; {@code /reset-after-body}: at the first body byte;</li>
 *   <li>{@code /slow-reader}: stops reading at the head until {@link #resumeReading()};</li>
 *   <li>{@code /interim}: a 100 and a 103 before the 200;</li>
 *   <li>{@code /stall}: promises 1000 body bytes, sends 10, then nothing;</li>
 *   <li>{@code /truncate}: promises 1000 body bytes, sends 10, then resets;</li>
 *   <li>{@code /first-only}: answers the first request of a connection, closes it on a later one;</li>
 *   <li>{@code /until-close}: an HTTP/1.0-style body ended by closing the connection;</li>
 *   <li>anything else: {@code bytes=N sha256=HEX} of the request body.</li>
 * </ul>
 * Every answer carries {@code X-Backend: <name>}.
 */
final class TestBackend implements AutoCloseable {

    /** A request head as the backend received it. */
    record Received(String method, String uri, String version, List<Map.Entry<String, String>> headers) {
        String header(String name) {
            return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst().orElse(null);
        }

        List<String> all(String name) {
            return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
        }
    }

    private final String name;
    private final EventLoopGroup group;
    private final Channel server;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicLong generatedBytes = new AtomicLong();
    final AtomicLong receivedBodyBytes = new AtomicLong();
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private volatile Channel pausedReader;
    /** When set, every request is answered by resetting its connection (a crashing upstream). */
    volatile boolean resetEverything;

    private TestBackend(String name) throws InterruptedException {
        this.name = name;
        this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.incrementAndGet();
                        channels.add(ch);
                        ch.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new ChunkedWriteHandler())
                                .addLast(new Handler());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    static TestBackend start(String name) {
        try {
            return new TestBackend(name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    String name() {
        return name;
    }

    /** The next request head received, waiting up to 10 s. */
    Received nextRequest() throws InterruptedException {
        Received r = received.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("backend " + name + " received no request within 10 s");
        }
        return r;
    }

    void resumeReading() {
        Channel ch = pausedReader;
        if (ch != null) {
            ch.eventLoop().execute(() -> ch.config().setAutoRead(true));
        }
    }

    /** Closes every connection the backend holds (as a restarting upstream would). */
    void dropConnections() {
        channels.close().syncUninterruptibly();
    }

    @Override
    public void close() {
        channels.close().syncUninterruptibly();
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<HttpObject> {
        private HttpRequest request;
        private String path = "";
        private String query = "";
        private MessageDigest digest;
        private long bodyBytes;
        private int requestsOnConnection;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpRequest req) {
                request = req;
                int q = req.uri().indexOf('?');
                path = q < 0 ? req.uri() : req.uri().substring(0, q);
                query = q < 0 ? "" : req.uri().substring(q + 1);
                digest = DataPattern.newDigest();
                bodyBytes = 0;
                requests.incrementAndGet();
                List<Map.Entry<String, String>> headers = new ArrayList<>();
                req.headers().forEach(h -> headers.add(Map.entry(h.getKey(), h.getValue())));
                received.add(new Received(req.method().name(), req.uri(), req.protocolVersion().text(), headers));
                requestsOnConnection++;
                if (path.equals("/first-only") && requestsOnConnection > 1) {
                    // As if the keep-alive timeout closed the connection just as the request arrived.
                    ctx.close();
                    return;
                }
                if (path.equals("/reset") || resetEverything) {
                    reset(ctx);
                    return;
                }
                if (path.equals("/slow-reader")) {
                    pausedReader = ctx.channel();
                    ctx.channel().config().setAutoRead(false);
                }
            }
            if (msg instanceof HttpContent content && request != null) {
                ByteBuf buf = content.content();
                int n = buf.readableBytes();
                bodyBytes += n;
                receivedBodyBytes.addAndGet(n);
                digest.update(buf.nioBuffer());
                if (path.equals("/reset-after-body") && bodyBytes > 0) {
                    reset(ctx);
                    return;
                }
                if (msg instanceof LastHttpContent) {
                    respond(ctx);
                }
            }
        }

        private void respond(ChannelHandlerContext ctx) {
            HttpRequest req = request;
            request = null;
            switch (path) {
                case "/hang" -> { }
                case "/download" -> download(ctx, req);
                case "/headers" -> {
                    StringBuilder sb = new StringBuilder();
                    sb.append(req.method()).append(' ').append(req.uri()).append(' ').append(req.protocolVersion()).append('\n');
                    req.headers().forEach(h -> sb.append(h.getKey()).append(": ").append(h.getValue()).append('\n'));
                    FullHttpResponse r = text(HttpResponseStatus.OK, sb.toString());
                    r.headers()
                            .add(HttpHeaderNames.CONNECTION, "X-Hop-Response, keep-alive")
                            .add("X-Hop-Response", "must not reach the client")
                            .add("Keep-Alive", "timeout=5")
                            .add("Proxy-Connection", "keep-alive")
                            .add(HttpHeaderNames.TRAILER, "X-Never")
                            .add(HttpHeaderNames.UPGRADE, "h2c")
                            .add("X-End-To-End", "kept");
                    send(ctx, req, r);
                }
                case "/slow" -> {
                    long ms = Long.parseLong(param("ms", "1000"));
                    ctx.executor().schedule(() -> send(ctx, req, text(HttpResponseStatus.OK, "slow " + ms)), ms, TimeUnit.MILLISECONDS);
                }
                case "/interim" -> {
                    // An unsolicited 100 and a 103 before the real answer; a proxy must not relay them as final.
                    ctx.write(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
                    ctx.write(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(103)));
                    send(ctx, req, text(HttpResponseStatus.OK, "after interim"));
                }
                case "/stall" -> {
                    HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                    r.headers().set("X-Backend", name).setInt(HttpHeaderNames.CONTENT_LENGTH, 1000);
                    ctx.write(r);
                    ctx.writeAndFlush(new io.netty.handler.codec.http.DefaultHttpContent(
                            Unpooled.copiedBuffer("only ten b", StandardCharsets.UTF_8)));
                }
                case "/truncate" -> {
                    HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                    r.headers().set("X-Backend", name).setInt(HttpHeaderNames.CONTENT_LENGTH, 1000);
                    ctx.write(r);
                    ctx.writeAndFlush(new io.netty.handler.codec.http.DefaultHttpContent(
                            Unpooled.copiedBuffer("only ten b", StandardCharsets.UTF_8)))
                            .addListener(f -> ctx.executor().schedule(() -> reset(ctx), 50, TimeUnit.MILLISECONDS));
                }
                case "/until-close" -> {
                    HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_0, HttpResponseStatus.OK);
                    r.headers().set("X-Backend", name);
                    ctx.write(r);
                    ctx.write(new io.netty.handler.codec.http.DefaultHttpContent(
                            Unpooled.copiedBuffer("until the end", StandardCharsets.UTF_8)));
                    ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
                }
                default -> send(ctx, req, text(HttpResponseStatus.OK,
                        "bytes=" + bodyBytes + " sha256=" + HexFormat.of().formatHex(digest.digest())));
            }
        }

        private void download(ChannelHandlerContext ctx, HttpRequest req) {
            long length = Long.parseLong(param("bytes", "0"));
            long seed = Long.parseLong(param("seed", "1"));
            boolean chunked = "chunked".equals(param("mode", "length"));
            HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            r.headers().set("X-Backend", name).set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
            if (chunked) {
                HttpUtil.setTransferEncodingChunked(r, true);
            } else {
                HttpUtil.setContentLength(r, length);
            }
            ctx.write(r);
            if (req.method().equals(HttpMethod.HEAD)) {
                ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                return;
            }
            ctx.writeAndFlush(new HttpChunkedInput(new PatternInput(length, seed)));
        }

        private String param(String key, String fallback) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(key)) {
                    return pair.substring(eq + 1);
                }
            }
            return fallback;
        }

        private FullHttpResponse text(HttpResponseStatus status, String body) {
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            r.headers().set("X-Backend", name).set(HttpHeaderNames.CONTENT_TYPE, "text/plain")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
            return r;
        }

        private void send(ChannelHandlerContext ctx, HttpRequest req, FullHttpResponse r) {
            if (!ctx.channel().isActive()) {
                r.release();
                return;
            }
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            if (!keepAlive) {
                r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
            var f = ctx.writeAndFlush(r);
            if (!keepAlive) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        }

        private void reset(ChannelHandlerContext ctx) {
            ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
            ctx.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** Pattern bytes produced on demand, 64 KiB at a time, only while the connection can take them. */
    private final class PatternInput implements ChunkedInput<ByteBuf> {
        private final long length;
        private final DataPattern pattern;
        private final byte[] scratch = new byte[64 * 1024];
        private long produced;

        PatternInput(long length, long seed) {
            this.length = length;
            this.pattern = new DataPattern(seed);
        }

        @Override
        public boolean isEndOfInput() {
            return produced >= length;
        }

        @Override
        public void close() {
        }

        @Deprecated
        @Override
        public ByteBuf readChunk(ChannelHandlerContext ctx) {
            return readChunk(ctx.alloc());
        }

        @Override
        public ByteBuf readChunk(ByteBufAllocator allocator) {
            if (isEndOfInput()) {
                return null;
            }
            int n = (int) Math.min(scratch.length, length - produced);
            pattern.fill(scratch, 0, n);
            ByteBuf buf = allocator.buffer(n);
            buf.writeBytes(scratch, 0, n);
            produced += n;
            generatedBytes.addAndGet(n);
            return buf;
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public long progress() {
            return produced;
        }
    }
}
