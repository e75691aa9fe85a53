package io.synapserouter.launcher.app;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.synapserouter.core.admin.AdminServer;
import io.synapserouter.core.admin.PoolStatus;
import io.synapserouter.core.admin.ReadinessState;
import io.synapserouter.core.client.NettyHttpFetcher;
import io.synapserouter.core.config.HostPort;
import io.synapserouter.core.health.HealthChecker;
import io.synapserouter.core.observe.ProxyMetrics;
import io.synapserouter.core.server.ProxyServer;
import io.synapserouter.core.transport.Transport;
import io.synapserouter.core.upstream.Endpoint;
import io.synapserouter.core.upstream.EndpointResolver;
import io.synapserouter.core.upstream.UpstreamPool;
import io.synapserouter.routing.MatrixErrorBody;
import io.synapserouter.routing.SynapseRouter;
import io.synapserouter.routing.config.RouterConfig;
import io.synapserouter.routing.identity.WhoamiResolver;
import io.synapserouter.routing.observe.AccessLogs;
import io.synapserouter.routing.observe.CacheStatus;
import io.synapserouter.routing.observe.WhoamiMetrics;
import io.synapserouter.routing.pool.PoolRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running router. {@link #start} brings the parts up in dependency order; {@link #shutdown}
 * drains the listeners and then stops the rest in reverse.
 */
public final class RouterApplication {

    private static final Logger log = LoggerFactory.getLogger(RouterApplication.class);

    private final RouterConfig config;
    private final Transport transport;
    private final EventLoopGroup group;
    private final PoolRegistry pools;
    private final EndpointResolver resolver;
    private final HealthChecker health;
    private final WhoamiResolver identity;
    private final ProxyMetrics metrics;
    private final ReadinessState readiness;
    private final ProxyServer server;
    private final AdminServer admin;
    private volatile CompletableFuture<Void> stopped;

    private RouterApplication(RouterConfig config) {
        this.config = config;
        this.transport = Transport.best();
        this.group = transport.newGroup(config.proxy().ioThreads(), new DefaultThreadFactory("synapse-router-io", true));
        List<AutoCloseable> started = new ArrayList<>();
        try {
            this.pools = PoolRegistry.fromConfig(config);
            Endpoint whoamiEndpoint = whoamiEndpoint(config, pools);
            List<Endpoint> resolved = new ArrayList<>(pools.endpoints());
            if (!resolved.contains(whoamiEndpoint)) {
                resolved.add(whoamiEndpoint);
            }
            this.resolver = new EndpointResolver(resolved, config.proxy().resolveInterval());
            resolver.start();
            started.add(resolver);

            // JVM and system meters are bound once the listeners serve: they cost a third of start-up.
            this.metrics = new ProxyMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
            started.add(metrics);
            metrics.registerPools(pools.all());
            WhoamiMetrics whoamiMetrics = new WhoamiMetrics(metrics.registry());

            NettyHttpFetcher fetcher = new NettyHttpFetcher(group, transport.clientChannel());
            this.health = new HealthChecker(pools.all(), config.healthChecks(), fetcher, group, metrics::onHealthChange);
            health.start();
            started.add(health);

            this.identity = WhoamiResolver.builder(config.whoami(), fetcher, whoamiEndpoint::address)
                    .metrics(whoamiMetrics)
                    .build();
            whoamiMetrics.monitor(identity.cache());

            SynapseRouter router = SynapseRouter.create(config, pools, identity);
            ProxyServer.Builder builder = ProxyServer.builder()
                    .settings(config.proxy())
                    .router(router)
                    .errorBody(MatrixErrorBody.INSTANCE)
                    .exchangeListener(metrics)
                    .endpointFailureListener(health)
                    .upstreamConnections(config.upstreamKeepAlive())
                    .eventLoopGroup(group, transport);
            AccessLogs.create(config.accessLog()).ifPresent(builder::exchangeListener);
            this.server = builder.build();
            server.start();
            started.add(() -> server.shutdown(Duration.ZERO).toCompletableFuture().get(5, TimeUnit.SECONDS));
            metrics.clientConnections(() -> server.connectionStats().clientConnections());
            metrics.upstreamConnections(() -> server.connectionStats().upstreamConnections(),
                    () -> server.connectionStats().idleUpstreamConnections());
            metrics.activeRequests(() -> server.connectionStats().activeExchanges());

            Endpoint main = pools.main().endpoints().get(0);
            this.readiness = new ReadinessState(main::available);
            this.admin = config.admin() == null ? null : startAdmin(config.admin());
            readiness.markLoaded();
            metrics.bindSystemMetrics().bindAllocator(ByteBufAllocator.DEFAULT);
        } catch (RuntimeException e) {
            for (int i = started.size() - 1; i >= 0; i--) {
                try {
                    started.get(i).close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** Starts everything; throws with a message naming the part and address that failed. */
    public static RouterApplication start(RouterConfig config) {
        RouterApplication app = new RouterApplication(config);
        log.info("synapse-router started on {} ({} transport): {}", app.listenerSummary(), app.transport,
                app.pools.all().stream().filter(p -> !p.isEmpty()).map(p -> p.name() + "=" + p.endpoints().size()).toList());
        return app;
    }

    private AdminServer startAdmin(HostPort address) {
        AdminServer server = AdminServer.builder(group, transport, new InetSocketAddress(address.host(), address.port()))
                .metrics(metrics.registry())
                .readiness(readiness)
                .status(this::status)
                .build();
        server.start();
        return server;
    }

    /** What {@code /status} shows: pools, endpoints, health and cache statistics; never a user or token. */
    private Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("readiness", readiness.readiness().label());
        status.put("draining", server.isDraining());
        status.put("transport", transport.name().toLowerCase());
        status.put("connections", server.connectionStats());
        status.put("pools", PoolStatus.of(pools.all()));
        status.put("whoami_cache", CacheStatus.of(identity.cache().synchronous()));
        return status;
    }

    /** Where whoami lookups go: the main process's endpoint when the URL names it, else one of its own. */
    private static Endpoint whoamiEndpoint(RouterConfig config, PoolRegistry pools) {
        URI url = config.whoami().url();
        int port = url.getPort() >= 0 ? url.getPort() : 80;
        for (Endpoint endpoint : pools.main().endpoints()) {
            if (endpoint.host().equalsIgnoreCase(url.getHost()) && endpoint.port() == port) {
                return endpoint;
            }
        }
        return new Endpoint("whoami", url.getHost(), port);
    }

    public int port(String listener) {
        return server.port(listener);
    }

    /** The admin listener's bound address, or null when it is disabled. */
    public InetSocketAddress adminAddress() {
        return admin == null ? null : admin.localAddress();
    }

    public PoolRegistry pools() {
        return pools;
    }

    public ProxyMetrics metrics() {
        return metrics;
    }

    private String listenerSummary() {
        List<String> parts = new ArrayList<>();
        config.proxy().listeners().forEach(l -> parts.add(l.name() + "=" + server.address(l.name())));
        if (admin != null) {
            parts.add("admin=" + admin.localAddress());
        }
        return String.join(", ", parts);
    }

    /**
     * Stops accepting, turns {@code /ready} to 503, lets in-flight requests finish within
     * {@code grace}, then stops health checks, resolution, the admin listener and the event loops.
     * Idempotent: later calls return the first call's stage.
     */
    public synchronized CompletionStage<Void> shutdown(Duration grace) {
        if (stopped != null) {
            return stopped;
        }
        stopped = new CompletableFuture<>();
        readiness.startDraining();
        log.info("draining: no new connections; in-flight requests have up to {} ms", grace.toMillis());
        server.shutdown(grace).whenComplete((ignored, error) -> {
            health.stop();
            resolver.stop();
            if (admin != null) {
                admin.close();
            }
            metrics.close();
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).addListener(f -> {
                log.info("stopped");
                stopped.complete(null);
            });
        });
        return stopped;
    }
}
