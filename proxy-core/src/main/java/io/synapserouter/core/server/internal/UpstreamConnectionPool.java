package io.synapserouter.core.server.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.util.concurrent.ScheduledFuture;
import io.synapserouter.core.upstream.Endpoint;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The upstream connections of ONE event loop, so that an exchange and its upstream connection share a
 * thread and nothing here needs a lock. Idle connections are kept per endpoint, most recently used
 * first, up to a bound, and closed once idle for too long. Only ever touched from {@link #loop()}.
 */
final class UpstreamConnectionPool {

    /** Response heads from our own upstreams may be large (many Set-Cookie, long Location). */
    private static final int MAX_RESPONSE_LINE = 8 * 1024;
    private static final int MAX_RESPONSE_HEADERS = 64 * 1024;

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final UpstreamConnectionPools owner;
    private final int maxIdlePerEndpoint;
    private final long idleTimeoutNanos;
    private final int maxChunkSize;
    private final Map<Endpoint, ArrayDeque<UpstreamConnection>> idle = new HashMap<>();
    private int idleCount;
    private ScheduledFuture<?> sweeper;
    private boolean closed;

    UpstreamConnectionPool(EventLoop loop, Bootstrap bootstrap, UpstreamConnectionPools owner,
                           int maxIdlePerEndpoint, long idleTimeoutNanos, int maxChunkSize) {
        this.loop = loop;
        this.bootstrap = bootstrap;
        this.owner = owner;
        this.maxIdlePerEndpoint = maxIdlePerEndpoint;
        this.idleTimeoutNanos = idleTimeoutNanos;
        this.maxChunkSize = maxChunkSize;
    }

    EventLoop loop() {
        return loop;
    }

    /**
     * The most recently used idle connection to {@code endpoint} that is still open and still points at
     * the endpoint's current address, or null.
     */
    UpstreamConnection pollIdle(Endpoint endpoint) {
        ArrayDeque<UpstreamConnection> queue = idle.get(endpoint);
        if (queue == null) {
            return null;
        }
        InetSocketAddress current = endpoint.address();
        UpstreamConnection connection;
        while ((connection = queue.pollLast()) != null) {
            takeFromIdle(connection);
            if (connection.isActive() && connection.target().equals(current)) {
                return connection;
            }
            connection.close();
        }
        return null;
    }

    /** A connection being opened, and the future that completes (on this pool's loop) when it is. */
    record Pending(UpstreamConnection connection, ChannelFuture future) {
    }

    /** Opens a new connection to {@code address}, which must be resolved. */
    Pending connect(Endpoint endpoint, InetSocketAddress address) {
        UpstreamConnection connection = new UpstreamConnection(this, endpoint, address);
        ChannelFuture future = bootstrap.clone()
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        HttpDecoderConfig config = new HttpDecoderConfig()
                                .setMaxInitialLineLength(MAX_RESPONSE_LINE)
                                .setMaxHeaderSize(MAX_RESPONSE_HEADERS)
                                .setMaxChunkSize(maxChunkSize);
                        ch.pipeline().addLast("codec", new HttpClientCodec(config, false, false));
                        ch.pipeline().addLast("upstream", connection);
                        owner.track(ch);
                    }
                })
                .connect(address);
        return new Pending(connection, future);
    }

    /** Takes back a connection whose exchange ended cleanly; it is kept if there is room, else closed. */
    void release(UpstreamConnection connection) {
        connection.detach();
        if (closed || maxIdlePerEndpoint == 0 || !connection.isActive() || owner.draining()) {
            connection.close();
            return;
        }
        ArrayDeque<UpstreamConnection> queue = idle.computeIfAbsent(connection.endpoint(), e -> new ArrayDeque<>(4));
        if (queue.size() >= maxIdlePerEndpoint) {
            UpstreamConnection oldest = queue.pollFirst();
            takeFromIdle(oldest);
            oldest.close();
        }
        connection.markIdle(System.nanoTime());
        queue.addLast(connection);
        idleCount++;
        owner.idleChanged(1);
        if (sweeper == null) {
            long period = Math.max(TimeUnit.MILLISECONDS.toNanos(50), idleTimeoutNanos / 2);
            sweeper = loop.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.NANOSECONDS);
        }
    }

    void connectionOpened() {
        owner.connectionOpened();
    }

    /** Called when any connection of this pool closes; an idle one leaves the pool. */
    void connectionClosed(UpstreamConnection connection) {
        owner.connectionClosed();
        if (connection.idle()) {
            ArrayDeque<UpstreamConnection> queue = idle.get(connection.endpoint());
            if (queue != null && queue.remove(connection)) {
                takeFromIdle(connection);
            }
        }
    }

    /** Closes every idle connection and keeps none from now on. */
    void close() {
        closed = true;
        for (ArrayDeque<UpstreamConnection> queue : idle.values()) {
            UpstreamConnection connection;
            while ((connection = queue.pollFirst()) != null) {
                takeFromIdle(connection);
                connection.close();
            }
        }
        idle.clear();
        cancelSweeper();
    }

    /** Closes idle connections, e.g. when draining, while still accepting releases per {@link #release}. */
    void closeIdle() {
        for (ArrayDeque<UpstreamConnection> queue : idle.values()) {
            UpstreamConnection connection;
            while ((connection = queue.pollFirst()) != null) {
                takeFromIdle(connection);
                connection.close();
            }
        }
    }

    private void sweep() {
        long deadline = System.nanoTime() - idleTimeoutNanos;
        for (Iterator<ArrayDeque<UpstreamConnection>> it = idle.values().iterator(); it.hasNext(); ) {
            ArrayDeque<UpstreamConnection> queue = it.next();
            UpstreamConnection oldest;
            while ((oldest = queue.peekFirst()) != null && oldest.idleSinceNanos() - deadline <= 0) {
                queue.pollFirst();
                takeFromIdle(oldest);
                oldest.close();
            }
            if (queue.isEmpty()) {
                it.remove();
            }
        }
        if (idleCount == 0) {
            cancelSweeper();
        }
    }

    private void cancelSweeper() {
        if (sweeper != null) {
            sweeper.cancel(false);
            sweeper = null;
        }
    }

    private void takeFromIdle(UpstreamConnection connection) {
        connection.markTaken();
        idleCount--;
        owner.idleChanged(-1);
    }
}
