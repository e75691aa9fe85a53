package io.synapserouter.core.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.synapserouter.core.admin.internal.AdminHandler;
import io.synapserouter.core.admin.internal.EventLoopHeartbeat;
import io.synapserouter.core.transport.Transport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The admin listener (default {@code 127.0.0.1:9000}), on its own port and apart from the proxy
 * listeners:
 * <ul>
 *   <li>{@code /metrics}: Prometheus text 0.0.4, or OpenMetrics 1.0 when the {@code Accept} header
 *       asks for {@code application/openmetrics-text};</li>
 *   <li>{@code /health}: liveness, 200 {@code OK} while every watched event loop runs tasks, 503 when
 *       one has been stuck longer than the liveness limit;</li>
 *   <li>{@code /ready}: 200 while the {@link ReadinessSource} says {@link Readiness#READY}, else 503
 *       (starting, upstream unreachable, draining);</li>
 *   <li>{@code /status}: the status provider's object as JSON (snake_case names);</li>
 *   <li>anything else: 404 with a JSON body; methods other than GET and HEAD: 405.</li>
 * </ul>
 *
 * <pre>{@code
 * AdminServer admin = AdminServer.builder(group, transport, new InetSocketAddress("127.0.0.1", 9000))
 *         .metrics(proxyMetrics.registry())
 *         .readiness(readinessState)
 *         .status(() -> Map.of("pools", PoolStatus.of(pools)))
 *         .build();
 * InetSocketAddress bound = admin.start();
 * ...
 * admin.close();
 * }</pre>
 */
public final class AdminServer implements AutoCloseable {

    private final EventLoopGroup group;
    private final Transport transport;
    private final InetSocketAddress bindAddress;
    private final AdminHandler handler;
    private final EventLoopHeartbeat heartbeat;
    private final Duration idleTimeout;
    private final ChannelGroup channels = new DefaultChannelGroup("admin", GlobalEventExecutor.INSTANCE);
    private volatile Channel serverChannel;

    private AdminServer(Builder b) {
        this.group = b.group;
        this.transport = b.transport;
        this.bindAddress = b.bindAddress;
        this.idleTimeout = b.idleTimeout;
        List<EventLoopGroup> watched = new ArrayList<>();
        watched.add(b.group);
        watched.addAll(b.watched);
        this.heartbeat = new EventLoopHeartbeat(watched, b.livenessLimit);
        ObjectMapper json = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        this.handler = new AdminHandler(b.registry, b.readiness, b.status, heartbeat, json);
    }

    /**
     * @param group       the event loops that serve admin connections (may be the proxy's own: every
     *                    answer is short CPU work); they are also watched by {@code /health}
     * @param transport   epoll or NIO, matching {@code group}
     * @param bindAddress where to listen; port 0 picks an ephemeral port
     */
    public static Builder builder(EventLoopGroup group, Transport transport, InetSocketAddress bindAddress) {
        return new Builder(group, transport, bindAddress);
    }

    /**
     * Binds the listener and starts the liveness heartbeat. Blocks until bound, so it must not be
     * called on an event loop.
     *
     * @return the bound address (with the actual port when 0 was asked)
     * @throws IllegalStateException naming the address when it cannot be bound
     */
    public synchronized InetSocketAddress start() {
        if (serverChannel != null) {
            throw new IllegalStateException("admin listener already started on " + serverChannel.localAddress());
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        ch.pipeline()
                                .addLast(new ReadTimeoutHandler(idleTimeout.toMillis(), TimeUnit.MILLISECONDS))
                                .addLast(new HttpServerCodec())
                                .addLast(handler);
                    }
                });
        ChannelFuture bind = bootstrap.bind(bindAddress).awaitUninterruptibly();
        if (!bind.isSuccess()) {
            throw new IllegalStateException("cannot bind the admin listener to " + hostPort(bindAddress)
                    + ": " + bind.cause().getMessage(), bind.cause());
        }
        serverChannel = bind.channel();
        heartbeat.start();
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** The bound address, or null before {@link #start()}. */
    public InetSocketAddress localAddress() {
        Channel channel = serverChannel;
        return channel == null ? null : (InetSocketAddress) channel.localAddress();
    }

    /** Stops listening and closes admin connections; the event loop group is the caller's. */
    @Override
    public synchronized void close() {
        heartbeat.close();
        Channel channel = serverChannel;
        if (channel != null) {
            channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
            serverChannel = null;
        }
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private static String hostPort(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    /** Options of the admin listener; only the registry is required besides the constructor's. */
    public static final class Builder {

        private final EventLoopGroup group;
        private final Transport transport;
        private final InetSocketAddress bindAddress;
        private final List<EventLoopGroup> watched = new ArrayList<>();
        private PrometheusMeterRegistry registry;
        private ReadinessSource readiness = () -> Readiness.READY;
        private Supplier<?> status = Map::of;
        private Duration livenessLimit = Duration.ofSeconds(10);
        private Duration idleTimeout = Duration.ofSeconds(60);

        private Builder(EventLoopGroup group, Transport transport, InetSocketAddress bindAddress) {
            this.group = Objects.requireNonNull(group, "group");
            this.transport = Objects.requireNonNull(transport, "transport");
            this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
        }

        /** The registry {@code /metrics} scrapes. */
        public Builder metrics(PrometheusMeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** What {@code /ready} reports; without one, ready whenever the listener runs. */
        public Builder readiness(ReadinessSource readiness) {
            this.readiness = Objects.requireNonNull(readiness, "readiness");
            return this;
        }

        /**
         * What {@code /status} renders as JSON, asked on every request on an event loop (no I/O).
         * It must hold configured names and counters only: never tokens or user ids.
         */
        public Builder status(Supplier<?> status) {
            this.status = Objects.requireNonNull(status, "status");
            return this;
        }

        /** Further event loop groups whose loops {@code /health} watches (the proxy's, if separate). */
        public Builder watch(EventLoopGroup other) {
            watched.add(Objects.requireNonNull(other, "other"));
            return this;
        }

        /** How long a loop may go without running a task before {@code /health} fails (default 10 s). */
        public Builder livenessLimit(Duration limit) {
            if (limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("livenessLimit must be positive, was " + limit);
            }
            this.livenessLimit = limit;
            return this;
        }

        /** Idle admin connections are closed after this (default 60 s). */
        public Builder idleTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("idleTimeout must be positive, was " + timeout);
            }
            this.idleTimeout = timeout;
            return this;
        }

        public AdminServer build() {
            if (registry == null) {
                throw new IllegalStateException("the admin listener needs a metrics registry");
            }
            return new AdminServer(this);
        }
    }
}
