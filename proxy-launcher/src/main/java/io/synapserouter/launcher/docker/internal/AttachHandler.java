package io.synapserouter.launcher.docker.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Reads one attach stream. The Engine answers {@code 200} (or {@code 101} when an upgrade was asked
 * for) and then hijacks the connection: everything after the head is the multiplexed stream, which
 * Netty's codec hands us as body content (200, read until close) or as raw buffers (101, upgraded).
 * Any other status is an error whose JSON body we collect for the message.
 */
public final class AttachHandler extends ChannelInboundHandlerAdapter {

    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final OutputPump pump;
    private final StreamDemultiplexer demux = new StreamDemultiplexer();
    private final CompletableFuture<EngineResponse> established;
    private final CompletableFuture<Void> ended;
    private int errorStatus;
    private final ByteArrayOutputStream errorBody = new ByteArrayOutputStream();

    /**
     * @param established completes with the response head's status (and, for errors, the body) once
     *                    the Engine has answered
     * @param ended       completes when the stream ends (the container's output closed)
     */
    public AttachHandler(OutputPump pump, CompletableFuture<EngineResponse> established, CompletableFuture<Void> ended) {
        this.pump = pump;
        this.established = established;
        this.ended = ended;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        pump.onResume(() -> ctx.channel().eventLoop().execute(() -> {
            ctx.channel().config().setAutoRead(true);
            ctx.read();
        }));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpResponse response) {
                int status = response.status().code();
                if (status == 200 || status == 101) {
                    established.complete(new EngineResponse(status, new byte[0]));
                } else {
                    errorStatus = status;
                }
            }
            if (msg instanceof HttpContent content) {
                onBytes(ctx, content.content());
                if (msg instanceof LastHttpContent && errorStatus != 0) {
                    established.complete(new EngineResponse(errorStatus, errorBody.toByteArray()));
                    ctx.close();
                }
            } else if (msg instanceof ByteBuf raw) {
                onBytes(ctx, raw);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onBytes(ChannelHandlerContext ctx, ByteBuf bytes) {
        if (errorStatus != 0) {
            int n = Math.min(bytes.readableBytes(), MAX_ERROR_BODY - errorBody.size());
            byte[] piece = new byte[n];
            bytes.readBytes(piece);
            errorBody.write(piece, 0, n);
            return;
        }
        demux.feed(bytes, (stream, payload) -> {
            if (!pump.submit(stream, payload)) {
                ctx.channel().config().setAutoRead(false);
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        established.completeExceptionally(new IOException("the Engine closed the attach connection before answering"));
        pump.finish();
        ended.complete(null);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        established.completeExceptionally(cause);
        ended.completeExceptionally(cause);
        ctx.close();
    }
}
