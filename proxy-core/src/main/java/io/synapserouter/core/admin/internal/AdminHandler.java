package io.synapserouter.core.admin.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.synapserouter.core.admin.Readiness;
import io.synapserouter.core.admin.ReadinessSource;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the admin endpoints. Every answer is computed on the channel's event loop: scraping is
 * CPU work over in-memory meters, readiness and status are in-memory reads, and none does I/O.
 */
@ChannelHandler.Sharable
public final class AdminHandler extends SimpleChannelInboundHandler<HttpObject> {

    private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);
    private static final String JSON = "application/json";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final ReadinessSource readiness;
    private final Supplier<?> status;
    private final EventLoopHeartbeat heartbeat;
    private final ObjectMapper json;

    public AdminHandler(PrometheusMeterRegistry registry, ReadinessSource readiness, Supplier<?> status,
                        EventLoopHeartbeat heartbeat, ObjectMapper json) {
        this.registry = registry;
        this.readiness = readiness;
        this.status = status;
        this.heartbeat = heartbeat;
        this.json = json;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        // Bodies (HttpContent) are dropped: no admin endpoint takes one.
        if (!(msg instanceof HttpRequest request)) {
            return;
        }
        if (request.decoderResult().isFailure()) {
            send(ctx, false, false, HttpResponseStatus.BAD_REQUEST, JSON, jsonError("malformed request"));
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpMethod method = request.method();
        boolean head = HttpMethod.HEAD.equals(method);
        String path = path(request.uri());
        if (!isKnown(path)) {
            send(ctx, keepAlive, head, HttpResponseStatus.NOT_FOUND, JSON, jsonError("no such admin endpoint"));
            return;
        }
        if (!head && !HttpMethod.GET.equals(method)) {
            FullHttpResponse response = response(HttpResponseStatus.METHOD_NOT_ALLOWED, JSON,
                    jsonError("only GET and HEAD are allowed"), false);
            response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            write(ctx, response, keepAlive);
            return;
        }
        switch (path) {
            case "/metrics" -> metrics(ctx, request, keepAlive, head);
            case "/health" -> health(ctx, keepAlive, head);
            case "/ready" -> ready(ctx, keepAlive, head);
            default -> status(ctx, keepAlive, head);
        }
    }

    private static boolean isKnown(String path) {
        return path.equals("/metrics") || path.equals("/health") || path.equals("/ready") || path.equals("/status");
    }

    private void metrics(ChannelHandlerContext ctx, HttpRequest request, boolean keepAlive, boolean head) {
        String contentType = MetricsContentType.negotiate(request.headers().get(HttpHeaderNames.ACCEPT));
        ByteBuf body = ctx.alloc().buffer(64 * 1024);
        try (ByteBufOutputStream out = new ByteBufOutputStream(body)) {
            registry.scrape(out, contentType);
        } catch (Exception | LinkageError e) {
            body.release();
            log.warn("scraping the metrics registry failed", e);
            send(ctx, keepAlive, head, HttpResponseStatus.INTERNAL_SERVER_ERROR, JSON, jsonError("scrape failed"));
            return;
        }
        send(ctx, keepAlive, head, HttpResponseStatus.OK, contentType, body);
    }

    private void health(ChannelHandlerContext ctx, boolean keepAlive, boolean head) {
        int stale = heartbeat.firstStale();
        if (stale < 0) {
            send(ctx, keepAlive, head, HttpResponseStatus.OK, TEXT, ascii("OK"));
        } else {
            send(ctx, keepAlive, head, HttpResponseStatus.SERVICE_UNAVAILABLE, TEXT,
                    ascii("event loop " + stale + " has not run a task for "
                            + heartbeat.sinceLastBeat(stale).toMillis() + " ms"));
        }
    }

    private void ready(ChannelHandlerContext ctx, boolean keepAlive, boolean head) {
        Readiness state;
        try {
            state = readiness.readiness();
        } catch (RuntimeException e) {
            log.warn("the readiness source failed", e);
            state = Readiness.STARTING;
        }
        HttpResponseStatus code = state == Readiness.READY ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE;
        send(ctx, keepAlive, head, code, JSON, ascii("{\"status\":\"" + state.label() + "\"}"));
    }

    private void status(ChannelHandlerContext ctx, boolean keepAlive, boolean head) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(status.get());
        } catch (Exception e) {
            log.warn("rendering /status failed", e);
            send(ctx, keepAlive, head, HttpResponseStatus.INTERNAL_SERVER_ERROR, JSON, jsonError("status unavailable"));
            return;
        }
        send(ctx, keepAlive, head, HttpResponseStatus.OK, JSON, Unpooled.wrappedBuffer(body));
    }

    private static void send(ChannelHandlerContext ctx, boolean keepAlive, boolean head, HttpResponseStatus status,
                             String contentType, ByteBuf body) {
        write(ctx, response(status, contentType, body, head), keepAlive);
    }

    private static FullHttpResponse response(HttpResponseStatus status, String contentType, ByteBuf body, boolean head) {
        int length = body.readableBytes();
        ByteBuf content = body;
        if (head) {
            body.release();
            content = Unpooled.EMPTY_BUFFER;
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, length)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return response;
    }

    private static void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response, ctx.voidPromise());
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static String path(String uri) {
        int end = uri.length();
        int query = uri.indexOf('?');
        if (query >= 0) {
            end = query;
        }
        return uri.substring(0, end);
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    private static ByteBuf jsonError(String message) {
        return ascii("{\"error\":\"" + message + "\"}");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("admin connection {} failed", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
