package io.synapserouter.core.server.internal;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The client-side timers, first in the pipeline so that it sees raw bytes:
 * <ul>
 *   <li><b>request head</b>: a new connection must deliver a complete head within the head timeout of
 *       being accepted; on a kept-alive connection the same limit runs from the first byte of the next
 *       request (slowloris);</li>
 *   <li><b>keep-alive idle</b>: between requests, a connection that sends nothing for the keep-alive
 *       timeout is closed.</li>
 * </ul>
 * While an exchange is in progress neither runs: the upstream timeout governs then. On expiry it fires
 * an {@link Expired} event for {@link ClientConnection} to act on.
 */
final class ClientTimeouts extends ChannelDuplexHandler {

    /** A timer that ran out; {@code requestStarted} says whether some bytes of a request had arrived. */
    record Expired(boolean headTimeout, boolean requestStarted) {
    }

    private enum State { READING_HEAD, IDLE, IN_EXCHANGE }

    private final long headTimeoutNanos;
    private final long keepAliveNanos;
    private ChannelHandlerContext ctx;
    private State state = State.READING_HEAD;
    private boolean bytesSeen;
    private ScheduledFuture<?> timer;

    ClientTimeouts(long headTimeoutNanos, long keepAliveNanos) {
        this.headTimeoutNanos = headTimeoutNanos;
        this.keepAliveNanos = keepAliveNanos;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        schedule(headTimeoutNanos);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state == State.IDLE) {
            state = State.READING_HEAD;
            schedule(headTimeoutNanos);
        }
        if (state == State.READING_HEAD) {
            bytesSeen = true;
        }
        ctx.fireChannelRead(msg);
    }

    /** A complete head arrived: the exchange's own timeouts take over. */
    void headReceived() {
        state = State.IN_EXCHANGE;
        bytesSeen = false;
        cancel();
    }

    /** The exchange ended and the connection stays open: wait for the next request. */
    void idle() {
        state = State.IDLE;
        bytesSeen = false;
        schedule(keepAliveNanos);
    }

    private void schedule(long delayNanos) {
        cancel();
        if (ctx.channel().isActive()) {
            timer = ctx.executor().schedule(this::expire, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expire() {
        timer = null;
        if (state == State.IN_EXCHANGE || !ctx.channel().isActive()) {
            return;
        }
        ctx.fireUserEventTriggered(new Expired(state == State.READING_HEAD, bytesSeen));
    }
}
