package io.synapserouter.core.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.synapserouter.core.config.ListenerSettings;
import io.synapserouter.core.config.ProxySettings;
import io.synapserouter.core.error.ErrorBody;
import io.synapserouter.core.observe.ExchangeListener;
import io.synapserouter.core.route.Router;
import io.synapserouter.core.server.internal.ClientChannelInitializer;
import io.synapserouter.core.server.internal.ConnectionCounters;
import io.synapserouter.core.server.internal.ServerContext;
import io.synapserouter.core.server.internal.ServerDrain;
import io.synapserouter.core.server.internal.UpstreamConnectionPools;
import io.synapserouter.core.transport.Transport;
import io.synapserouter.core.upstream.EndpointFailureListener;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming HTTP/1.1 reverse proxy: it binds every configured listener and relays each request to
 * the endpoint its {@link Router} picks, bodies streamed both ways with back-pressure.
 *
 * <pre>{@code
 * ProxyServer server = ProxyServer.builder()
 *         .settings(settings)
 *         .router(router)
 *         .errorBody(matrixErrors)
 *         .exchangeListener(accessLog)
 *         .build();
 * server.start();
 * ...
 * server.shutdown(Duration.ofSeconds(30)).toCompletableFuture().join();
 * }</pre>
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #shutdown(Duration)} (idempotent). A server built
 * without an event loop group creates its own and shuts it down at the end of {@code shutdown}.
 */
public final class ProxyServer {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

    /** Below the low mark a paused peer resumes; above the high mark it pauses. */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(64 * 1024, 256 * 1024);
    private static final int BACKLOG = 1024;

    private final ProxySettings settings;
    private final Transport transport;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final ConnectionCounters counters = new ConnectionCounters();
    private final ServerContext context;
    private final UpstreamConnectionPools upstreams;
    private final Map<String, Channel> listeners = new LinkedHashMap<>();
    private final Object lock = new Object();
    private boolean started;
    private CompletableFuture<Void> shutdown;

    private ProxyServer(Builder b) {
        this.settings = b.settings;
        if (b.group != null) {
            this.group = b.group;
            this.transport = b.transport;
            this.ownsGroup = false;
        } else {
            this.transport = Transport.best();
            int threads = settings.ioThreads() > 0 ? settings.ioThreads() : Runtime.getRuntime().availableProcessors();
            this.group = transport.newGroup(threads, new DefaultThreadFactory("synapse-router-io"));
            this.ownsGroup = true;
        }
        this.upstreams = new UpstreamConnectionPools(transport, settings.timeouts().connect(), b.upstreamConnections,
                WATER_MARK, counters, this::isDraining);
        this.context = new ServerContext(settings, b.router, b.errorBody, b.exchangeListeners, b.failureListener,
                counters, upstreams);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds every listener. Blocks until all are bound; must not be called on an event loop.
     *
     * @throws ListenerBindException naming the listener and address that could not be bound; listeners
     *                               already bound are closed again (and an own event loop group shut down)
     * @throws IllegalStateException when called twice or after shutdown
     */
    public void start() {
        synchronized (lock) {
            if (started || shutdown != null) {
                throw new IllegalStateException(shutdown != null ? "the server was shut down" : "the server is already started");
            }
            started = true;
        }
        for (EventExecutor executor : group) {
            if (executor.inEventLoop()) {
                throw new IllegalStateException("ProxyServer.start() blocks and must not run on an event loop");
            }
        }
        for (ListenerSettings listener : settings.listeners()) {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(group)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, BACKLOG)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                    .childHandler(new ClientChannelInitializer(context, listener));
            String address = listener.host() + ":" + listener.port();
            ChannelFuture bind = bootstrap.bind(listener.host(), listener.port()).awaitUninterruptibly();
            if (!bind.isSuccess()) {
                LOG.error("cannot bind listener '{}' to {}", listener.name(), address, bind.cause());
                listeners.values().forEach(ch -> ch.close().awaitUninterruptibly());
                listeners.clear();
                if (ownsGroup) {
                    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
                }
                throw new ListenerBindException(listener.name(), address, bind.cause());
            }
            listeners.put(listener.name(), bind.channel());
            LOG.info("listener '{}' on {} ({})", listener.name(), bind.channel().localAddress(), transport);
        }
    }

    /** The port a listener is bound to (the actual one when configured with port 0). */
    public int port(String listener) {
        return address(listener).getPort();
    }

    /** The address a listener is bound to. */
    public InetSocketAddress address(String listener) {
        Channel channel = listeners.get(listener);
        if (channel == null) {
            throw new IllegalArgumentException("no bound listener named '" + listener + "' (bound: " + listeners.keySet() + ")");
        }
        return (InetSocketAddress) channel.localAddress();
    }

    public Transport transport() {
        return transport;
    }

    /** Open connections on both sides, for gauges. */
    public ConnectionStats connectionStats() {
        return counters.snapshot();
    }

    /** True once {@link #shutdown} has begun. */
    public boolean isDraining() {
        return context.draining();
    }

    /** {@link #shutdown(Duration)} with the configured {@code shutdownGrace}. */
    public CompletionStage<Void> shutdown() {
        return shutdown(settings.shutdownGrace());
    }

    /**
     * Stops accepting at once, lets exchanges in flight finish for up to {@code grace} (their responses
     * close the connection; idle keep-alive connections are closed now), then closes everything left.
     * Idempotent: later calls return the first call's stage, whatever their grace.
     */
    public CompletionStage<Void> shutdown(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        CompletableFuture<Void> done;
        synchronized (lock) {
            if (shutdown != null) {
                return shutdown;
            }
            done = shutdown = new CompletableFuture<>();
        }
        context.startDraining();
        if (group.isShuttingDown()) {
            // A failed start already released everything.
            done.complete(null);
            return done;
        }
        boolean mayBlock = true;
        for (EventExecutor executor : group) {
            mayBlock &= !executor.inEventLoop();
        }
        List<Channel> bound = new ArrayList<>(listeners.values());
        new ServerDrain(context, upstreams, group.next(), bound, grace).run(mayBlock).whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.warn("drain ended with an error", failure);
            }
            if (!ownsGroup) {
                done.complete(null);
                return;
            }
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).addListener(f -> done.complete(null));
        });
        return done;
    }

    /** Assembles a {@link ProxyServer}. Settings and a router are required. */
    public static final class Builder {

        private ProxySettings settings;
        private Router router;
        private ErrorBody errorBody = ErrorBody.PLAIN_JSON;
        private final List<ExchangeListener> exchangeListeners = new ArrayList<>();
        private EndpointFailureListener failureListener = EndpointFailureListener.NONE;
        private EventLoopGroup group;
        private Transport transport;
        private UpstreamConnectionSettings upstreamConnections = UpstreamConnectionSettings.DEFAULTS;

        private Builder() {
        }

        public Builder settings(ProxySettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public Builder router(Router router) {
            this.router = Objects.requireNonNull(router, "router");
            return this;
        }

        /** How the proxy's own error answers look (default {@link ErrorBody#PLAIN_JSON}). */
        public Builder errorBody(ErrorBody errorBody) {
            this.errorBody = Objects.requireNonNull(errorBody, "errorBody");
            return this;
        }

        /** Adds a listener told once per finished request; may be called several times. */
        public Builder exchangeListener(ExchangeListener listener) {
            exchangeListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Told when an endpoint refuses a connection or drops it before answering (passive health). */
        public Builder endpointFailureListener(EndpointFailureListener listener) {
            this.failureListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Runs on a shared event loop group (which the server then does not shut down). Without it the
         * server creates a {@link Transport#best()} group with {@code settings.ioThreads()} threads.
         */
        public Builder eventLoopGroup(EventLoopGroup group, Transport transport) {
            this.group = Objects.requireNonNull(group, "group");
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** Upstream keep-alive pooling (default {@link UpstreamConnectionSettings#DEFAULTS}). */
        public Builder upstreamConnections(UpstreamConnectionSettings upstreamConnections) {
            this.upstreamConnections = Objects.requireNonNull(upstreamConnections, "upstreamConnections");
            return this;
        }

        public ProxyServer build() {
            if (settings == null) {
                throw new IllegalStateException("ProxyServer needs settings");
            }
            if (router == null) {
                throw new IllegalStateException("ProxyServer needs a router");
            }
            if (settings.listeners().isEmpty()) {
                throw new IllegalStateException("ProxyServer needs at least one listener");
            }
            return new ProxyServer(this);
        }
    }
}
