package io.synapserouter.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.synapserouter.core.transport.Transport;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Holds many idle long-polls open at once: each connection sends one {@code GET ...sync?timeout=...}
 * and then waits. Connections are raw bytes (no HTTP decoding) to keep this client small; any byte that
 * comes back before {@link #close()} counts as an early answer.
 */
public final class LongPollHold implements AutoCloseable {

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final ConcurrentLinkedQueue<Channel> channels = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger closedByPeer = new AtomicInteger();
    private volatile boolean closing;

    public LongPollHold() {
        Transport transport = Transport.best();
        this.group = transport.newGroup(1, new DefaultThreadFactory("long-polls", true));
        this.bootstrap = new Bootstrap().group(group).channel(transport.clientChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 15_000)
                .option(ChannelOption.SO_RCVBUF, 4096)
                .option(ChannelOption.SO_SNDBUF, 4096)
                .handler(new Watcher());
    }

    /**
     * Opens {@code count} connections to {@code target}, at most {@code inFlight} connecting at once,
     * each sending the request {@code requestOf(i)}; returns once every connect has finished.
     */
    public void open(InetSocketAddress target, int count, int inFlight, IntFunction<String> requestOf, long deadlineMillis)
            throws InterruptedException {
        Semaphore permits = new Semaphore(inFlight);
        long deadline = System.currentTimeMillis() + deadlineMillis;
        for (int i = 0; i < count && System.currentTimeMillis() < deadline; i++) {
            if (!permits.tryAcquire(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS)) {
                break;
            }
            ByteBuf request = Unpooled.copiedBuffer(requestOf.apply(i), StandardCharsets.US_ASCII);
            ChannelFuture connect = bootstrap.connect(target);
            connect.addListener(f -> {
                if (f.isSuccess()) {
                    Channel ch = connect.channel();
                    channels.add(ch);
                    ch.writeAndFlush(request).addListener(w -> {
                        if (w.isSuccess()) {
                            sent.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                        permits.release();
                    });
                } else {
                    request.release();
                    failed.incrementAndGet();
                    permits.release();
                }
            });
        }
        permits.tryAcquire(inFlight, Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
    }

    /** Requests written. */
    public int sent() {
        return sent.get();
    }

    /** Connects or writes that failed. */
    public int failed() {
        return failed.get();
    }

    /** Connections that got an answer (or any byte) while they should have been idle. */
    public int answered() {
        return answered.get();
    }

    /** Connections the other side closed while they should have been idle. */
    public int closedByPeer() {
        return closedByPeer.get();
    }

    @Override
    public void close() {
        closing = true;
        List<ChannelFuture> closes = new ArrayList<>();
        for (Channel ch : channels) {
            closes.add(ch.close());
        }
        closes.forEach(ChannelFuture::syncUninterruptibly);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @ChannelHandler.Sharable
    private final class Watcher extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
            if (ctx.channel().attr(io.netty.util.AttributeKey.<Boolean>valueOf("answered")).setIfAbsent(true) == null) {
                answered.incrementAndGet();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!closing) {
                closedByPeer.incrementAndGet();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
