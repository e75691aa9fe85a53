package io.synapserouter.standin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** Answers one request at a time on a connection, after its whole body has streamed in. */
final class StandinHandler extends SimpleChannelInboundHandler<HttpObject> {

    private static final Pattern WHOAMI = Pattern.compile("^/_matrix/client/(r0|v3|unstable)/account/whoami$");
    private static final Pattern LONG_POLL = Pattern.compile(
            "^/_matrix/client/(api/v1|r0|v3|unstable)/(sync|events)$|^/_matrix/client/unstable/org\\.matrix\\.simplified_msc3575/sync$");
    private static final long MAX_POLL_MILLIS = 120_000;

    private final StandinProcess process;
    private final TokenDirectory tokens;
    private final boolean servesWhoami;

    private HttpRequest request;
    private long bodyBytes;

    StandinHandler(StandinProcess process, TokenDirectory tokens, boolean servesWhoami) {
        this.process = process;
        this.tokens = tokens;
        this.servesWhoami = servesWhoami;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        if (msg instanceof HttpRequest req) {
            request = req;
            bodyBytes = 0;
            process.countRequest();
            if (HttpUtil.is100ContinueExpected(req)) {
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
            }
        }
        if (msg instanceof HttpContent content) {
            bodyBytes += content.content().readableBytes();
            if (msg instanceof LastHttpContent && request != null) {
                HttpRequest done = request;
                request = null;
                answer(ctx, done, bodyBytes);
            }
        }
    }

    private void answer(ChannelHandlerContext ctx, HttpRequest req, long bodyBytes) {
        String uri = req.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? "" : uri.substring(q + 1);

        if (path.equals("/health")) {
            boolean up = process.healthy();
            send(ctx, req, up ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "text/plain", up ? "OK" : "unhealthy");
            return;
        }
        if (servesWhoami && WHOAMI.matcher(path).matches()) {
            whoami(ctx, req, query);
            return;
        }
        String body = describe(req, bodyBytes);
        long poll = LONG_POLL.matcher(path).matches() ? Math.min(queryLong(query, "timeout"), MAX_POLL_MILLIS) : 0;
        if (poll > 0) {
            ctx.executor().schedule(() -> send(ctx, req, HttpResponseStatus.OK, "application/json", body),
                    poll, TimeUnit.MILLISECONDS);
        } else {
            send(ctx, req, HttpResponseStatus.OK, "application/json", body);
        }
    }

    private void whoami(ChannelHandlerContext ctx, HttpRequest req, String query) {
        String auth = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : queryValue(query, "access_token");
        tokens.recordCall(token);
        tokens.recordRequest(new WhoamiRequest(req.uri(), req.headers().get(HttpHeaderNames.HOST),
                req.headers().get("X-Forwarded-For"), req.headers().get(HttpHeaderNames.USER_AGENT)));
        TokenDirectory.Mode mode = tokens.mode();
        if (mode == TokenDirectory.Mode.HANG) {
            return; // never answers: the caller's timeout must fire
        }
        Runnable reply = () -> {
            if (mode == TokenDirectory.Mode.FAIL_500) {
                send(ctx, req, HttpResponseStatus.INTERNAL_SERVER_ERROR, "application/json",
                        "{\"errcode\":\"M_UNKNOWN\",\"error\":\"Internal server error\"}");
                return;
            }
            if (mode == TokenDirectory.Mode.RATE_LIMITED) {
                send(ctx, req, HttpResponseStatus.TOO_MANY_REQUESTS, "application/json",
                        "{\"errcode\":\"M_LIMIT_EXCEEDED\",\"error\":\"Too Many Requests\",\"retry_after_ms\":2000}");
                return;
            }
            if (mode == TokenDirectory.Mode.GARBAGE) {
                send(ctx, req, HttpResponseStatus.OK, "text/html", "<html><body>502 Bad Gateway</body></html>");
                return;
            }
            String user = token == null ? null : tokens.userOf(token);
            if (user == null) {
                send(ctx, req, HttpResponseStatus.UNAUTHORIZED, "application/json",
                        "{\"errcode\":\"M_UNKNOWN_TOKEN\",\"error\":\"Invalid access token passed.\",\"soft_logout\":false}");
                return;
            }
            String asUser = queryValue(query, "user_id");
            String effective = asUser != null ? asUser : user;
            send(ctx, req, HttpResponseStatus.OK, "application/json",
                    "{\"user_id\":\"" + Json.escape(effective) + "\",\"device_id\":\"STANDIN\",\"is_guest\":false}");
        };
        long delay = tokens.delayMillis();
        if (delay > 0) {
            ctx.executor().schedule(reply, delay, TimeUnit.MILLISECONDS);
        } else {
            reply.run();
        }
    }

    private String describe(HttpRequest req, long bodyBytes) {
        StringBuilder sb = new StringBuilder(256).append('{');
        Json.field(sb, "served_by", process.name()).append(',');
        Json.field(sb, "method", req.method().name()).append(',');
        Json.field(sb, "uri", req.uri()).append(',');
        Json.field(sb, "host", req.headers().get(HttpHeaderNames.HOST)).append(',');
        Json.field(sb, "x_forwarded_for", req.headers().get("X-Forwarded-For")).append(',');
        Json.field(sb, "x_forwarded_proto", req.headers().get("X-Forwarded-Proto")).append(',');
        sb.append("\"body_bytes\":").append(bodyBytes);
        return sb.append('}').toString();
    }

    private void send(ChannelHandlerContext ctx, HttpRequest req, HttpResponseStatus status, String type, String body) {
        if (!ctx.channel().isActive()) {
            return;
        }
        ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, type)
                .set("X-Served-By", process.name())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        var future = ctx.writeAndFlush(response);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }

    static String queryValue(String query, String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static long queryLong(String query, String name) {
        String v = queryValue(query, name);
        try {
            return v == null ? 0 : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
