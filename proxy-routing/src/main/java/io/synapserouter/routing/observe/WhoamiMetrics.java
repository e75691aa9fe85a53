package io.synapserouter.routing.observe;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Metrics of identity resolution:
 * <ul>
 *   <li>{@code synapse_router_whoami_cache_lookups_total{outcome=hit|miss|coalesced}}: one per request
 *       that needed a user key; the cache hit ratio is {@code hit / sum};</li>
 *   <li>{@code synapse_router_whoami_lookups_total{outcome=ok|unauthorized|error|timeout|breaker_open}}:
 *       one per call to Synapse's whoami that a miss caused (or that the breaker refused);</li>
 *   <li>{@code synapse_router_whoami_lookup_duration_seconds{outcome}}: how long those calls took;</li>
 *   <li>the cache's own figures through Micrometer's {@code CaffeineCacheMetrics} (tag
 *       {@code cache="whoami"}), once {@link #monitor} is given the cache.</li>
 * </ul>
 * Every series exists from construction on (at zero), so dashboards and alerts see them before the
 * first lookup. Recording is an enum-indexed lookup and an add: cheap enough for event loops.
 */
public final class WhoamiMetrics {

    static final String CACHE_LOOKUPS = "synapse_router.whoami.cache.lookups";
    static final String LOOKUPS = "synapse_router.whoami.lookups";
    static final String LOOKUP_DURATION = "synapse_router.whoami.lookup.duration";

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
    private final Map<WhoamiOutcome, Counter> counters = new EnumMap<>(WhoamiOutcome.class);
    private final Map<WhoamiOutcome, Timer> durations = new EnumMap<>(WhoamiOutcome.class);

    public WhoamiMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        for (WhoamiOutcome outcome : WhoamiOutcome.values()) {
            if (outcome.isCacheOutcome()) {
                counters.put(outcome, Counter.builder(CACHE_LOOKUPS)
                        .description("Requests that needed a user key, by how the whoami cache answered")
                        .tag("outcome", outcome.label())
                        .register(registry));
            } else {
                counters.put(outcome, Counter.builder(LOOKUPS)
                        .description("Calls to Synapse's whoami, by result (breaker_open: refused without calling)")
                        .tag("outcome", outcome.label())
                        .register(registry));
                if (outcome != WhoamiOutcome.BREAKER_OPEN) {
                    durations.put(outcome, Timer.builder(LOOKUP_DURATION)
                            .description("Time a whoami call took, by result")
                            .tag("outcome", outcome.label())
                            .serviceLevelObjectives(LATENCY_BUCKETS)
                            .register(registry));
                }
            }
        }
    }

    /** Counts a cache outcome, or a whoami result that has no duration (breaker open). */
    public void record(WhoamiOutcome outcome) {
        counters.get(outcome).increment();
    }

    /** Counts a finished whoami call and records how long it took. */
    public void record(WhoamiOutcome outcome, long elapsedNanos) {
        counters.get(outcome).increment();
        Timer timer = durations.get(outcome);
        if (timer != null && elapsedNanos >= 0) {
            timer.record(elapsedNanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Exposes the cache's size, gets, puts and evictions. Hit and miss counts need
     * {@code Caffeine.recordStats()} on the cache. The meters hold the cache weakly: its owner must
     * keep it referenced (a collected cache reads as zero).
     */
    public <K, V, C extends Cache<K, V>> C monitor(C cache) {
        return CaffeineCacheMetrics.monitor(registry, cache, CACHE_NAME, Tags.empty());
    }

    /** As {@link #monitor(Cache)}, for an asynchronous cache. */
    public <K, V, C extends AsyncCache<K, V>> C monitor(C cache) {
        return CaffeineCacheMetrics.monitor(registry, cache, CACHE_NAME, Tags.empty());
    }
}
