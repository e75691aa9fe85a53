package io.synapserouter.core.server.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.synapserouter.core.server.UpstreamConnectionSettings;
import io.synapserouter.core.transport.Transport;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/** One {@link UpstreamConnectionPool} per event loop, created on first use, plus the shared bookkeeping. */
public final class UpstreamConnectionPools {

    private final Bootstrap template;
    private final UpstreamConnectionSettings settings;
    private final ConnectionCounters counters;
    private final BooleanSupplier draining;
    private final int maxChunkSize;
    private final ConcurrentHashMap<EventLoop, UpstreamConnectionPool> pools = new ConcurrentHashMap<>();
    private final ChannelGroup channels = new DefaultChannelGroup("upstream", GlobalEventExecutor.INSTANCE);

    public UpstreamConnectionPools(Transport transport, Duration connectTimeout, UpstreamConnectionSettings settings,
                                   WriteBufferWaterMark waterMark, ConnectionCounters counters, BooleanSupplier draining) {
        this.settings = settings;
        this.counters = counters;
        this.draining = draining;
        this.maxChunkSize = ServerContext.MAX_CHUNK_SIZE;
        this.template = new Bootstrap()
                .channel(transport.clientChannel())
                // Names are resolved in the background by the endpoint resolver; never on an event loop.
                .resolver(NoopAddressResolverGroup.INSTANCE)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, Math.min(Integer.MAX_VALUE, connectTimeout.toMillis())))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark);
    }

    UpstreamConnectionPool forLoop(EventLoop loop) {
        UpstreamConnectionPool pool = pools.get(loop);
        if (pool != null) {
            return pool;
        }
        return pools.computeIfAbsent(loop, l -> new UpstreamConnectionPool(l, template.clone(l), this,
                settings.maxIdlePerEndpoint(), settings.idleTimeout().toNanos(), maxChunkSize));
    }

    /** Closes the idle connections of every pool (each on its own loop); busy ones finish first. */
    public void closeIdle() {
        pools.values().forEach(pool -> pool.loop().execute(pool::closeIdle));
    }

    /** Closes every upstream connection, busy or idle. */
    public void closeAll() {
        pools.values().forEach(pool -> pool.loop().execute(pool::close));
        channels.close();
    }

    void track(Channel channel) {
        channels.add(channel);
    }

    boolean draining() {
        return draining.getAsBoolean();
    }

    void connectionOpened() {
        counters.upstreamConnections.incrementAndGet();
    }

    void connectionClosed() {
        counters.upstreamConnections.decrementAndGet();
    }

    void idleChanged(int delta) {
        counters.idleUpstreamConnections.addAndGet(delta);
    }
}
