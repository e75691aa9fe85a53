package io.synapserouter.bench.backend;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Answers the requests of one connection, one at a time, once the request body has been read (and
 * counted, then dropped). Long-polls ({@code /sync} or {@code /events} with {@code timeout}) are a timer
 * on this connection's event loop; whoami on the main process looks the token up in the table.
 */
final class BackendHandler extends ChannelInboundHandlerAdapter {

    private static final long MAX_POLL_MILLIS = 120_000;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final BackendProcess process;
    private final TokenTable tokens;
    private final WhoamiAnswers whoamiAnswers;
    private final BackendStats stats;

    private HttpRequest request;
    private boolean keepAlive;
    private long bodyBytes;
    private ScheduledFuture<?> poll;

    BackendHandler(BackendProcess process, TokenTable tokens, WhoamiAnswers whoamiAnswers, BackendStats stats) {
        this.process = process;
        this.tokens = tokens;
        this.whoamiAnswers = whoamiAnswers;
        this.stats = stats;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        stats.countConnection();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest req) {
                if (req.decoderResult().isFailure()) {
                    ctx.close();
                    return;
                }
                request = req;
                keepAlive = HttpUtil.isKeepAlive(req);
                bodyBytes = 0;
                process.requests.increment();
                if (HttpUtil.is100ContinueExpected(req)) {
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(CONTINUE));
                }
            }
            if (msg instanceof HttpContent content) {
                bodyBytes += content.content().readableBytes();
                if (msg instanceof LastHttpContent && request != null) {
                    HttpRequest done = request;
                    request = null;
                    stats.countBody(bodyBytes);
                    answer(ctx, done);
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void answer(ChannelHandlerContext ctx, HttpRequest req) {
        String uri = req.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        if (path.equals("/health")) {
            write(ctx, process.health);
            return;
        }
        if (process.servesWhoami && isWhoami(path)) {
            whoami(ctx, req, q < 0 ? "" : uri.substring(q + 1));
            return;
        }
        long timeout = q >= 0 && isLongPoll(path) ? Math.min(queryLong(uri.substring(q + 1), "timeout"), MAX_POLL_MILLIS) : 0;
        if (timeout > 0) {
            stats.pollOpened();
            poll = ctx.executor().schedule(() -> {
                poll = null;
                stats.pollClosed();
                write(ctx, process.ok);
            }, timeout, TimeUnit.MILLISECONDS);
            return;
        }
        write(ctx, process.ok);
    }

    private void whoami(ChannelHandlerContext ctx, HttpRequest req, String query) {
        String auth = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : queryValue(query, "access_token");
        int i = tokens.recordCall(token);
        CannedResponse reply = whoamiAnswers.of(i);
        long delay = stats.whoamiDelayMillis();
        if (delay > 0) {
            ctx.executor().schedule(() -> write(ctx, reply), delay, TimeUnit.MILLISECONDS);
        } else {
            write(ctx, reply);
        }
    }

    private void write(ChannelHandlerContext ctx, CannedResponse response) {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (keepAlive) {
            ctx.writeAndFlush(response.view(true), ctx.voidPromise());
        } else {
            ctx.writeAndFlush(response.view(false)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    static boolean isWhoami(String path) {
        return path.endsWith("/account/whoami")
                && (path.equals("/_matrix/client/v3/account/whoami")
                || path.equals("/_matrix/client/r0/account/whoami")
                || path.equals("/_matrix/client/unstable/account/whoami"));
    }

    static boolean isLongPoll(String path) {
        return path.startsWith("/_matrix/client/") && (path.endsWith("/sync") || path.endsWith("/events"));
    }

    static String queryValue(String query, String name) {
        int from = 0;
        while (from <= query.length()) {
            int amp = query.indexOf('&', from);
            int end = amp < 0 ? query.length() : amp;
            int eq = query.indexOf('=', from);
            if (eq > from && eq < end && query.regionMatches(from, name, 0, name.length()) && eq - from == name.length()) {
                return java.net.URLDecoder.decode(query.substring(eq + 1, end), StandardCharsets.UTF_8);
            }
            if (amp < 0) {
                break;
            }
            from = amp + 1;
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
    public void channelInactive(ChannelHandlerContext ctx) {
        ScheduledFuture<?> pending = poll;
        if (pending != null && pending.cancel(false)) {
            poll = null;
            stats.pollClosed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
