package io.synapserouter.core.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.synapserouter.core.health.HealthListener;
import io.synapserouter.core.health.HealthReason;
import io.synapserouter.core.observe.internal.Labels;
import io.synapserouter.core.observe.internal.PrometheusHygiene;
import io.synapserouter.core.upstream.Endpoint;
import io.synapserouter.core.upstream.UpstreamPool;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The proxy's Prometheus metrics: one {@link #onExchange} per finished request feeds the request,
 * latency, byte, retry and local-error meters; as the health checker's {@link HealthListener} it
 * counts ejections and restorations; fallbacks are read off each record ({@link #onFallback});
 * gauges read endpoint state and connection counts when scraped.
 *
 * <p>Every label value comes from configuration (listener, pool, route, endpoint) or from a fixed set
 * (status class, outcome, kind), so the number of series does not grow with clients, users or paths.
 * Meters for one label combination are looked up once and cached: the per-request cost is a hash
 * lookup and a few adds, with no registry access.
 */
public final class ProxyMetrics implements ExchangeListener, HealthListener, AutoCloseable {

    /** Prefix of every meter this class registers; Prometheus shows it as {@code synapse_router_}. */
    public static final String PREFIX = "synapse_router.";

    static final String REQUESTS = PREFIX + "requests";
    static final String REQUEST_DURATION = PREFIX + "request.duration";
    static final String UPSTREAM_DURATION = PREFIX + "upstream.duration";
    static final String UPSTREAM_RESPONSES = PREFIX + "upstream.responses";
    static final String RECEIVED = PREFIX + "received";
    static final String SENT = PREFIX + "sent";
    static final String RETRIES = PREFIX + "retries";
    static final String FAILOVERS = PREFIX + "failovers";
    static final String LOCAL_ERRORS = PREFIX + "local.errors";
    static final String EJECTIONS = PREFIX + "endpoint.ejections";
    static final String RESTORATIONS = PREFIX + "endpoint.restorations";
    static final String ENDPOINT_UP = PREFIX + "endpoint.up";
    static final String ENDPOINT_OUTSTANDING = PREFIX + "endpoint.outstanding.requests";
    static final String CLIENT_CONNECTIONS = PREFIX + "client.connections";
    static final String UPSTREAM_CONNECTIONS = PREFIX + "upstream.connections";
    static final String ACTIVE_REQUESTS = PREFIX + "active.requests";

    /**
     * Buckets from 5 ms to 5 min: most Matrix requests take milliseconds, but long-polling syncs hold
     * for 30 s and initial syncs can take minutes, and those must not all land in {@code +Inf}.
     */
    static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(300),
    };

    /**
     * A safety net under the "labels come from config" rule: past this many values of one label, new
     * meters are dropped instead of registered, so a bug upstream cannot exhaust memory or the scraper.
     */
    static final int MAX_VALUES_PER_LABEL = 256;

    private final PrometheusMeterRegistry registry;
    private final ConcurrentMap<ExchangeKey, ExchangeMeters> exchangeMeters = new ConcurrentHashMap<>();
    private final List<Meter> poolMeters = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    /** Meters for the proxy only, on the given registry; see {@link #create()} for the usual set. */
    public ProxyMetrics(PrometheusMeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        registry.config().meterFilter(new PrometheusHygiene());
        for (String label : List.of("listener", "pool", "route", "endpoint", "from")) {
            registry.config().meterFilter(
                    MeterFilter.maximumAllowableTags(PREFIX, label, MAX_VALUES_PER_LABEL, MeterFilter.deny()));
        }
    }

    /**
     * A fresh Prometheus registry with the proxy's meters plus JVM, GC, thread, class loader,
     * processor, file descriptor, uptime and Netty default allocator metrics.
     */
    public static ProxyMetrics create() {
        ProxyMetrics metrics = new ProxyMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        metrics.bindSystemMetrics();
        metrics.bindAllocator(ByteBufAllocator.DEFAULT);
        return metrics;
    }

    /** The registry, for other modules to bind their meters (whoami, caches) and for scraping. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Binds JVM memory, GC, threads, class loading, CPU, file descriptors and uptime. */
    public synchronized ProxyMetrics bindSystemMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        closeables.add(gc);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        processCpuSeconds();
        new FileDescriptorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return this;
    }

    /** The process's CPU time in seconds, under the name Prometheus's own clients use. */
    private void processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                && os.getProcessCpuTime() >= 0) {
            FunctionCounter.builder("process.cpu", os, bean -> bean.getProcessCpuTime() / 1e9)
                    .baseUnit("seconds")
                    .description("CPU time used by the process (all threads)")
                    .register(registry);
        }
    }

    /**
     * Binds the memory figures of the allocator the engine uses (Netty's default unless configured
     * otherwise); an allocator that exposes no metrics is skipped.
     */
    public ProxyMetrics bindAllocator(ByteBufAllocator allocator) {
        if (allocator instanceof ByteBufAllocatorMetricProvider provider) {
            new NettyAllocatorMetrics(provider).bindTo(registry);
        }
        return this;
    }

    // ---- the engine: one call per finished exchange ------------------------------------------------

    @Override
    public void onExchange(ExchangeRecord record) {
        ExchangeKey key = ExchangeKey.of(record);
        ExchangeMeters meters = exchangeMeters.get(key);
        if (meters == null) {
            meters = exchangeMeters.computeIfAbsent(key, this::newExchangeMeters);
        }
        meters.requests.increment();
        meters.duration.record(Math.max(0, record.requestNanos()), TimeUnit.NANOSECONDS);
        if (record.upstreamNanos() >= 0) {
            meters.upstreamDuration.record(record.upstreamNanos(), TimeUnit.NANOSECONDS);
        }
        if (meters.upstreamResponses != null) {
            meters.upstreamResponses.increment();
        }
        if (record.bytesIn() > 0) {
            meters.received.increment(record.bytesIn());
        }
        if (record.bytesOut() > 0) {
            meters.sent.increment(record.bytesOut());
        }
        if (record.retried()) {
            meters.retries.increment();
            meters.retryFailovers.increment();
        }
        if (record.servedByFallback()) {
            onFallback(record.routePool(), record.pool());
        }
        if (meters.localErrors != null) {
            meters.localErrors.increment();
        }
    }

    private ExchangeMeters newExchangeMeters(ExchangeKey k) {
        String statusClass = Labels.statusClass(k.status());
        Counter requests = Counter.builder(REQUESTS)
                .description("Requests answered, by listener, route, serving pool, status class and outcome")
                .tags("listener", k.listener(), "route", k.route(), "pool", k.pool(),
                        "status", statusClass, "outcome", k.outcome().name().toLowerCase(java.util.Locale.ROOT))
                .register(registry);
        Timer duration = latencyTimer(REQUEST_DURATION,
                "Time from the request head to the last response byte written, by listener, pool and status class")
                .tags("listener", k.listener(), "pool", k.pool(), "status", statusClass)
                .register(registry);
        Timer upstreamDuration = latencyTimer(UPSTREAM_DURATION,
                "Time from sending upstream to the upstream's last response byte, by pool")
                .tags("pool", k.pool())
                .register(registry);
        Counter upstreamResponses = k.upstream().equals(Labels.NONE) ? null
                : Counter.builder(UPSTREAM_RESPONSES)
                        .description("Responses received from each upstream endpoint, by status class")
                        .tags("pool", k.pool(), "endpoint", k.upstream(), "status", Labels.statusClass(k.upstreamStatus()))
                        .register(registry);
        Counter received = Counter.builder(RECEIVED).baseUnit("bytes")
                .description("Request body bytes received from clients")
                .tags("listener", k.listener(), "pool", k.pool())
                .register(registry);
        Counter sent = Counter.builder(SENT).baseUnit("bytes")
                .description("Response body bytes sent to clients")
                .tags("listener", k.listener(), "pool", k.pool())
                .register(registry);
        Counter retries = retries(k.listener(), k.pool());
        Counter retryFailovers = failovers(k.pool(), k.pool(), "retry");
        Counter localErrors = k.outcome() != ExchangeRecord.Outcome.LOCAL_ERROR ? null
                : Counter.builder(LOCAL_ERRORS)
                        .description("Answers the proxy gave itself instead of an upstream's, by kind")
                        .tags("listener", k.listener(), "kind", Labels.localErrorKind(k.status()))
                        .register(registry);
        return new ExchangeMeters(requests, duration, upstreamDuration, upstreamResponses, received, sent,
                retries, retryFailovers, localErrors);
    }

    private static Timer.Builder latencyTimer(String name, String description) {
        return Timer.builder(name)
                .description(description)
                .serviceLevelObjectives(LATENCY_BUCKETS);
    }

    private Counter retries(String listener, String pool) {
        return Counter.builder(RETRIES)
                .description("Requests retried on another endpoint after a connection failure")
                .tags("listener", listener, "pool", pool)
                .register(registry);
    }

    private Counter failovers(String pool, String from, String kind) {
        return Counter.builder(FAILOVERS)
                .description("Requests served elsewhere than first chosen: retried on another endpoint"
                        + " (kind=retry) or sent to a fallback pool (kind=fallback); pool is where they went")
                .tags("pool", pool, "from", from, "kind", kind)
                .register(registry);
    }

    // ---- the router: fallbacks ----------------------------------------------------------------------

    /** A request meant for {@code fromPool} went to {@code toPool} because the first had no endpoint. */
    public void onFallback(String fromPool, String toPool) {
        failovers(Labels.orNone(toPool), Labels.orNone(fromPool), "fallback").increment();
    }

    // ---- the health checker: ejections --------------------------------------------------------------

    /** Counts an ejection (by its reason) or a restoration; the 0/1 gauge reads the endpoint itself. */
    @Override
    public void onHealthChange(Endpoint endpoint, boolean available, HealthReason reason) {
        if (reason == HealthReason.RECOVERED) {
            restorations(endpoint).increment();
        } else {
            ejections(endpoint, reason).increment();
        }
    }

    private Counter ejections(Endpoint endpoint, HealthReason reason) {
        return Counter.builder(EJECTIONS)
                .description("Times an endpoint was taken out of rotation, by cause"
                        + " (active_fail: health checks failed; passive_eject: connection refused or reset)")
                .tags("pool", endpoint.pool(), "endpoint", endpoint.id(), "cause", reason.label())
                .register(registry);
    }

    private Counter restorations(Endpoint endpoint) {
        return Counter.builder(RESTORATIONS)
                .description("Times an endpoint came back into rotation")
                .tags("pool", endpoint.pool(), "endpoint", endpoint.id())
                .register(registry);
    }

    // ---- the launcher: configured pools and connection counts --------------------------------------

    /**
     * Registers, per configured endpoint, a 0/1 health gauge read from {@link Endpoint#available()}, an
     * outstanding-requests gauge, and zeroed ejection counters (so that rates exist before the first
     * incident). Replaces the endpoint gauges of an earlier call.
     */
    public synchronized void registerPools(Collection<UpstreamPool> pools) {
        for (Meter meter : poolMeters) {
            registry.remove(meter);
        }
        poolMeters.clear();
        for (UpstreamPool pool : pools) {
            for (Endpoint endpoint : pool.endpoints()) {
                poolMeters.add(Gauge.builder(ENDPOINT_UP, endpoint, e -> e.available() ? 1 : 0)
                        .description("1 while the endpoint is in rotation, 0 while health checks or ejection hold it out")
                        .tags("pool", endpoint.pool(), "endpoint", endpoint.id())
                        .strongReference(true)
                        .register(registry));
                poolMeters.add(Gauge.builder(ENDPOINT_OUTSTANDING, endpoint, Endpoint::outstanding)
                        .description("Requests in flight to the endpoint")
                        .tags("pool", endpoint.pool(), "endpoint", endpoint.id())
                        .strongReference(true)
                        .register(registry));
                for (HealthReason reason : HealthReason.values()) {
                    if (reason != HealthReason.RECOVERED) {
                        ejections(endpoint, reason);
                    }
                }
                restorations(endpoint);
            }
        }
    }

    /**
     * A gauge of the open client connections on every listener, read from the engine when scraped
     * (e.g. {@code () -> server.connectionStats().clientConnections()}).
     */
    public void clientConnections(LongSupplier open) {
        gauge(CLIENT_CONNECTIONS, "Open client connections", Tags.empty(), open);
    }

    /**
     * Gauges of the open upstream connections, split into busy (carrying an exchange) and idle
     * (parked in the keep-alive pools); {@code open} counts both.
     */
    public void upstreamConnections(LongSupplier open, LongSupplier idle) {
        String description = "Open upstream connections, by state (busy: carrying a request; idle: kept alive in the pool)";
        gauge(UPSTREAM_CONNECTIONS, description, Tags.of("state", "busy"),
                () -> Math.max(0, open.getAsLong() - idle.getAsLong()));
        gauge(UPSTREAM_CONNECTIONS, description, Tags.of("state", "idle"), idle);
    }

    /** A gauge of the requests in flight: head received, answer not finished. */
    public void activeRequests(LongSupplier active) {
        gauge(ACTIVE_REQUESTS, "Requests in flight (head received, answer not yet complete)", Tags.empty(), active);
    }

    private void gauge(String name, String description, Tags tags, LongSupplier value) {
        Gauge.builder(name, value, LongSupplier::getAsLong)
                .description(description)
                .tags(tags)
                .strongReference(true)
                .register(registry);
    }

    /** Stops the GC listener and closes the registry. */
    @Override
    public synchronized void close() {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // best effort at shutdown: the process is going away
            }
        }
        closeables.clear();
        registry.close();
    }

    /** The label values of one exchange: every field is already normalised and bounded. */
    private record ExchangeKey(String listener, String route, String pool, String upstream, int status,
                               int upstreamStatus, ExchangeRecord.Outcome outcome) {

        static ExchangeKey of(ExchangeRecord r) {
            return new ExchangeKey(Labels.orNone(r.listener()), Labels.orNone(r.route()), Labels.orNone(r.pool()),
                    Labels.orNone(r.upstream()), r.status(), r.upstreamStatus(),
                    r.outcome() == null ? ExchangeRecord.Outcome.LOCAL_ERROR : r.outcome());
        }
    }

    private record ExchangeMeters(Counter requests, Timer duration, Timer upstreamDuration,
                                  Counter upstreamResponses, Counter received, Counter sent,
                                  Counter retries, Counter retryFailovers, Counter localErrors) {
    }
}
