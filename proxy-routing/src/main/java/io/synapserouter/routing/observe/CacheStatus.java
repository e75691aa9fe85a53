package io.synapserouter.routing.observe;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.stats.CacheStats;

/**
 * A cache's figures for the admin {@code /status} view: counts only, never keys or values.
 *
 * @param size      estimated number of entries
 * @param hits      lookups answered from the cache (needs {@code recordStats()})
 * @param misses    lookups the cache could not answer
 * @param hitRatio  hits / (hits + misses), 1.0 before any lookup (Caffeine's convention)
 * @param evictions entries removed for size or age
 */
public record CacheStatus(long size, long hits, long misses, double hitRatio, long evictions) {

    public static CacheStatus of(Cache<?, ?> cache) {
        CacheStats stats = cache.stats();
        return new CacheStatus(cache.estimatedSize(), stats.hitCount(), stats.missCount(), stats.hitRate(),
                stats.evictionCount());
    }
}
