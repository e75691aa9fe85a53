package io.synapserouter.core.server.internal;

import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A graceful shutdown: stop accepting, let in-flight exchanges finish while idle connections close,
 * and after the grace period close whatever is left. Completes once no client connection is open.
 */
public final class ServerDrain {

    private static final Logger LOG = LoggerFactory.getLogger(ServerDrain.class);
    private static final long POLL_MILLIS = 20;

    private final ServerContext server;
    private final UpstreamConnectionPools upstreams;
    private final EventExecutor timer;
    private final List<Channel> listeners;
    private final long deadlineNanos;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    /** After a forced close, connections get this long to report closed before we stop waiting. */
    private static final long FORCE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private boolean forced;

    public ServerDrain(ServerContext server, UpstreamConnectionPools upstreams, EventExecutor timer,
                       List<Channel> listeners, Duration grace) {
        this.server = server;
        this.upstreams = upstreams;
        this.timer = timer;
        this.listeners = listeners;
        this.deadlineNanos = System.nanoTime() + Math.max(0, grace.toNanos());
    }

    /**
     * Starts draining; the caller must already have marked the server draining. With {@code mayBlock}
     * (not called on an event loop) it returns only once the listeners are closed.
     */
    public CompletableFuture<Void> run(boolean mayBlock) {
        for (Channel listener : listeners) {
            var closed = listener.close();
            if (mayBlock) {
                // So that a caller sees new connections refused as soon as shutdown() returns.
                closed.awaitUninterruptibly(1, TimeUnit.SECONDS);
            }
        }
        int open = server.counters().clientConnections();
        LOG.info("draining: {} client connection(s) open, up to {} ms", open,
                TimeUnit.NANOSECONDS.toMillis(Math.max(0, deadlineNanos - System.nanoTime())));
        for (Channel client : server.clientChannels()) {
            client.pipeline().fireUserEventTriggered(ClientConnection.DRAIN);
        }
        upstreams.closeIdle();
        timer.execute(this::check);
        return done;
    }

    private void check() {
        long overdue = System.nanoTime() - deadlineNanos;
        if (server.counters().clientConnections() == 0 || overdue - FORCE_WAIT_NANOS >= 0) {
            if (server.counters().clientConnections() != 0) {
                LOG.warn("{} client connection(s) did not report closed; finishing anyway",
                        server.counters().clientConnections());
            }
            upstreams.closeAll();
            LOG.info("drained");
            done.complete(null);
            return;
        }
        if (!forced && overdue >= 0) {
            forced = true;
            LOG.warn("grace period over: closing {} client connection(s) still open",
                    server.counters().clientConnections());
            server.clientChannels().close();
            upstreams.closeAll();
        }
        timer.schedule(this::check, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }
}
