package io.synapserouter.bench.backend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The backend's control port, used by the harness only:
 * <ul>
 *   <li>{@code GET /stats}: request counts per process, body bytes, open and peak long-polls, whoami calls</li>
 *   <li>{@code GET /whoami-calls?from=A&to=B}: whoami calls for tokens {@code [A, B)}: total, min, max, histogram</li>
 *   <li>{@code POST /reset}: zeroes every counter</li>
 *   <li>{@code POST /whoami-delay?ms=N}: delays every whoami answer by N ms (a lookup that takes time)</li>
 * </ul>
 */
final class ControlHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final BackendStats stats;
    private final TokenTable tokens;

    ControlHandler(BackendStats stats, TokenTable tokens) {
        this.stats = stats;
        this.tokens = tokens;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        String uri = req.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? "" : uri.substring(q + 1);
        boolean post = req.method().equals(HttpMethod.POST);
        try {
            if (path.equals("/stats")) {
                send(ctx, HttpResponseStatus.OK, stats());
            } else if (path.equals("/whoami-calls")) {
                send(ctx, HttpResponseStatus.OK, whoamiCalls(intParam(query, "from", 0), intParam(query, "to", tokens.size())));
            } else if (path.equals("/reset") && post) {
                stats.reset();
                tokens.resetCounts();
                send(ctx, HttpResponseStatus.OK, "{\"reset\":true}");
            } else if (path.equals("/whoami-delay") && post) {
                stats.whoamiDelayMillis(intParam(query, "ms", 0));
                send(ctx, HttpResponseStatus.OK, "{\"whoami_delay_ms\":" + stats.whoamiDelayMillis() + "}");
            } else {
                send(ctx, HttpResponseStatus.NOT_FOUND, "{\"error\":\"unknown control path\"}");
            }
        } catch (IllegalArgumentException e) {
            send(ctx, HttpResponseStatus.BAD_REQUEST, "{\"error\":\"" + e.getMessage() + "\"}");
        }
    }

    private String stats() {
        StringBuilder sb = new StringBuilder(512).append("{\"requests\":{");
        boolean first = true;
        for (Map.Entry<String, Long> e : stats.requests().entrySet()) {
            sb.append(first ? "" : ",").append('"').append(e.getKey()).append("\":").append(e.getValue());
            first = false;
        }
        return sb.append("},\"body_bytes\":").append(stats.bodyBytes())
                .append(",\"connections\":").append(stats.connections())
                .append(",\"open_polls\":").append(stats.openPolls())
                .append(",\"peak_open_polls\":").append(stats.peakOpenPolls())
                .append(",\"whoami_calls\":").append(tokens.totalCalls())
                .append(",\"whoami_unknown\":").append(tokens.unknownCalls())
                .append(",\"whoami_delay_ms\":").append(stats.whoamiDelayMillis())
                .append('}').toString();
    }

    private String whoamiCalls(int from, int to) {
        if (from < 0 || to > tokens.size() || from > to) {
            throw new IllegalArgumentException("range must lie in [0, " + tokens.size() + "]");
        }
        long total = 0;
        int min = Integer.MAX_VALUE;
        int max = 0;
        Map<Integer, Integer> histogram = new TreeMap<>();
        for (int i = from; i < to; i++) {
            int c = tokens.callsFor(i);
            total += c;
            min = Math.min(min, c);
            max = Math.max(max, c);
            histogram.merge(c, 1, Integer::sum);
        }
        StringBuilder sb = new StringBuilder(256)
                .append("{\"tokens\":").append(to - from)
                .append(",\"calls\":").append(total)
                .append(",\"min\":").append(from == to ? 0 : min)
                .append(",\"max\":").append(max)
                .append(",\"histogram\":{");
        boolean first = true;
        for (Map.Entry<Integer, Integer> e : histogram.entrySet()) {
            sb.append(first ? "" : ",").append('"').append(e.getKey()).append("\":").append(e.getValue());
            first = false;
        }
        return sb.append("}}").toString();
    }

    private static int intParam(String query, String name, int fallback) {
        String v = BackendHandler.queryValue(query, name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number");
        }
    }

    private static void send(ChannelHandlerContext ctx, HttpResponseStatus status, String json) {
        ByteBuf body = Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpHeaderNames.CONNECTION, "close");
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
