package io.synapserouter.routing.observe;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.synapserouter.routing.identity.IdentityMetrics;
import io.synapserouter.routing.identity.IdentityOutcome;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Metrics of identity resolution, fed by the {@link io.synapserouter.routing.identity.WhoamiResolver}
 * as its {@link IdentityMetrics}:
 * <ul>
 *   <li>{@code synapse_router_whoami_requests_total{outcome=hit|miss|coalesced|breaker_open|no_token}}:
 *       one per request that needed a user key; the cache hit ratio is
 *       {@code hit / (hit + miss + coalesced)};</li>
 *   <li>{@code synapse_router_whoami_lookups_total{outcome=ok|unauthorized|error|timeout}}: one per
 *       call to Synapse's whoami (a miss starts one; coalesced requests share it);</li>
 *   <li>{@code synapse_router_whoami_lookup_duration_seconds{outcome}}: how long those calls took;</li>
 *   <li>{@code synapse_router_whoami_breaker_open} (0/1) and
 *       {@code synapse_router_whoami_breaker_openings_total};</li>
 *   <li>the cache's own figures through Micrometer's {@code CaffeineCacheMetrics} (tag
 *       {@code cache="whoami"}), once {@link #monitor} is given the cache.</li>
 * </ul>
 * Every series exists from construction on (at zero), so dashboards and alerts see them before the
 * first lookup. Recording is an enum-indexed lookup and an add: cheap enough for event loops.
 */
public final class WhoamiMetrics implements IdentityMetrics {

    static final String REQUESTS = "synapse_router.whoami.requests";
    static final String LOOKUPS = "synapse_router.whoami.lookups";
    static final String LOOKUP_DURATION = "synapse_router.whoami.lookup.duration";
    static final String BREAKER_OPEN = "synapse_router.whoami.breaker.open";
    static final String BREAKER_OPENINGS = "synapse_router.whoami.breaker.openings";

    /** The name of the cache in {@code CaffeineCacheMetrics}' {@code cache} tag. */
    public static final String CACHE_NAME = "whoami";

    /** From a local answer (1 ms) to the default lookup timeout (2 s) and well past it. */
    static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
    };

    private final MeterRegistry registry;
    private final Map<IdentityOutcome, Counter> counters = new EnumMap<>(IdentityOutcome.class);
    private final Map<IdentityOutcome, Timer> durations = new EnumMap<>(IdentityOutcome.class);
    private final AtomicInteger breakerOpen = new AtomicInteger();
    private final Counter breakerOpenings;

    public WhoamiMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        for (IdentityOutcome outcome : IdentityOutcome.values()) {
            if (outcome.isLookupResult()) {
                counters.put(outcome, Counter.builder(LOOKUPS)
                        .description("Calls to Synapse's whoami, by result")
                        .tag("outcome", outcome.tag())
                        .register(registry));
                durations.put(outcome, Timer.builder(LOOKUP_DURATION)
                        .description("Time a whoami call took, by result")
                        .tag("outcome", outcome.tag())
                        .serviceLevelObjectives(LATENCY_BUCKETS)
                        .register(registry));
            } else {
                counters.put(outcome, Counter.builder(REQUESTS)
                        .description("Requests that needed a user key, by how it was found"
                                + " (cache hit, new lookup, joined lookup, breaker open, no token)")
                        .tag("outcome", outcome.tag())
                        .register(registry));
            }
        }
        Gauge.builder(BREAKER_OPEN, breakerOpen, AtomicInteger::get)
                .description("1 while the whoami circuit breaker is open (lookups skipped, fallback keys used)")
                .strongReference(true)
                .register(registry);
        breakerOpenings = Counter.builder(BREAKER_OPENINGS)
                .description("Times the whoami circuit breaker opened")
                .register(registry);
    }

    /** Counts a request outcome, or the result of a finished lookup. */
    @Override
    public void outcome(IdentityOutcome outcome) {
        counters.get(outcome).increment();
    }

    /** Records how long a whoami lookup took; the lookup itself is counted by {@link #outcome}. */
    @Override
    public void lookupLatency(IdentityOutcome result, long nanos) {
        Timer timer = durations.get(result);
        if (timer != null && nanos >= 0) {
            timer.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void breakerOpened() {
        if (breakerOpen.getAndSet(1) == 0) {
            breakerOpenings.increment();
        }
    }

    @Override
    public void breakerClosed() {
        breakerOpen.set(0);
    }

    /**
     * Exposes the cache's size, gets, puts and evictions. Hit and miss counts need
     * {@code Caffeine.recordStats()} on the cache. The meters hold the cache weakly: its owner must
     * keep it referenced (a collected cache reads as zero).
     */
    public <K, V, C extends Cache<K, V>> C monitor(C cache) {
        return CaffeineCacheMetrics.monitor(registry, cache, CACHE_NAME, Tags.empty());
    }

    /**
     * As {@link #monitor(Cache)}, for an asynchronous cache: the resolver's,
     * {@code metrics.monitor(resolver.cache())}, which records stats.
     */
    public <K, V, C extends AsyncCache<K, V>> C monitor(C cache) {
        return CaffeineCacheMetrics.monitor(registry, cache, CACHE_NAME, Tags.empty());
    }
}
