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
 * While an exchange is in progress neither runs: the exchange's own upstream idle limit does, checked by
 * the same timer (see {@link #exchangeDeadline}). On expiry of a client limit it fires an {@link Expired}
 * event for {@link ClientConnection} to act on.
 *
 * <p>Why one timer per connection: scheduling and cancelling a task for every request (and again for
 * every exchange) cost about a tenth of the proxy's CPU in the event loop's priority queue. As Netty's
 * {@code IdleStateHandler} does, state changes only move a {@code nanoTime} deadline; a single task checks
 * the deadline when it fires and acts or goes back to sleep for the time left. The task is replaced only
 * when a deadline moves <em>earlier</em> than its wake-up, which the common paths avoid (a head that
 * arrives whole in one read never arms the head limit).
 */
final class ClientTimeouts extends ChannelDuplexHandler {

    /** A timer that ran out; {@code requestStarted} says whether some bytes of a request had arrived. */
    record Expired(boolean headTimeout, boolean requestStarted) {
    }

    /** An exchange's own idle limit, checked by the connection's timer while the exchange runs. */
    interface ExchangeClock {
        /** Acts if the limit has passed at {@code nowNanos}; returns the next deadline, or {@link #NONE}. */
        long check(long nowNanos);
    }

    /** No deadline: the timer may stop. */
    static final long NONE = Long.MIN_VALUE;

    private enum State { READING_HEAD, IDLE, IN_EXCHANGE }

    private final long headTimeoutNanos;
    private final long keepAliveNanos;
    private final Runnable check = this::check;
    private ChannelHandlerContext ctx;
    private State state = State.READING_HEAD;
    private boolean bytesSeen;
    /** The client limit of the current state (head or keep-alive); unused while in an exchange. */
    private long deadlineNanos;
    private ExchangeClock exchange;
    private ScheduledFuture<?> timer;
    /** When the pending {@link #timer} fires. */
    private long timerNanos;

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
        deadlineNanos = System.nanoTime() + headTimeoutNanos;
        checkBy(deadlineNanos);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        exchange = null;
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        boolean headStarted = false;
        if (state == State.IDLE) {
            state = State.READING_HEAD;
            deadlineNanos = System.nanoTime() + headTimeoutNanos;
            headStarted = true;
        }
        if (state == State.READING_HEAD) {
            bytesSeen = true;
        }
        ctx.fireChannelRead(msg);
        // Usually the whole head came in this read and the exchange has taken over: only a head still
        // incomplete needs the timer to wake up that early.
        if (headStarted && state == State.READING_HEAD) {
            checkBy(deadlineNanos);
        }
    }

    /** A complete head arrived: the exchange's own timeouts take over. */
    void headReceived() {
        state = State.IN_EXCHANGE;
        bytesSeen = false;
        exchange = null;
    }

    /** The running exchange's idle limit now ends at {@code deadline} (a {@code nanoTime}) or later. */
    void exchangeDeadline(ExchangeClock clock, long deadline) {
        exchange = clock;
        checkBy(deadline);
    }

    /** The exchange ended and the connection stays open: wait for the next request. */
    void idle() {
        state = State.IDLE;
        bytesSeen = false;
        exchange = null;
        deadlineNanos = System.nanoTime() + keepAliveNanos;
        checkBy(deadlineNanos);
    }

    /** Makes sure the timer wakes up no later than {@code deadline}. */
    private void checkBy(long deadline) {
        if (timer != null) {
            if (deadline - timerNanos >= 0) {
                return;
            }
            timer.cancel(false);
            timer = null;
        }
        schedule(deadline, System.nanoTime());
    }

    private void schedule(long deadline, long now) {
        if (ctx.channel().isActive()) {
            timerNanos = deadline;
            timer = ctx.executor().schedule(check, Math.max(0, deadline - now), TimeUnit.NANOSECONDS);
        }
    }

    private void check() {
        timer = null;
        if (!ctx.channel().isActive()) {
            return;
        }
        long now = System.nanoTime();
        if (state == State.IN_EXCHANGE) {
            long next = exchange == null ? NONE : exchange.check(now);
            if (next != NONE && timer == null) {
                schedule(next, now);
            }
            return;
        }
        if (now - deadlineNanos < 0) {
            schedule(deadlineNanos, now);
            return;
        }
        ctx.fireUserEventTriggered(new Expired(state == State.READING_HEAD, bytesSeen));
    }
}
