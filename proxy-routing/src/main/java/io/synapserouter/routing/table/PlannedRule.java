package io.synapserouter.routing.table;

import io.synapserouter.routing.config.KeyKind;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One rule as a deployment sees it: where it sends requests given the pools that have workers, or why
 * it is skipped.
 *
 * @param listener  {@code client} or {@code federation}
 * @param order     its position on the listener, from 1
 * @param name      the family name
 * @param methods   the methods it takes (reads removed when they fall through)
 * @param condition its query-string condition
 * @param pattern   the regex found in the raw path
 * @param pool      the pool it sends to (main when its own pool has no workers and it falls back to main)
 * @param key       the balancing key
 * @param fallback  pools tried in order when {@code pool} has no available endpoint; empty for 503
 * @param active    false when skipped
 * @param note      why it is skipped or redirected; empty when it runs as written
 * @param origin    where it came from ({@code synapse-routes.txt:40}, {@code routes[0]})
 */
public record PlannedRule(
        String listener,
        int order,
        String name,
        MethodFilter methods,
        RequestCondition condition,
        Pattern pattern,
        String pool,
        KeyKind key,
        List<String> fallback,
        boolean active,
        String note,
        String origin) {

    public PlannedRule {
        fallback = List.copyOf(fallback);
    }
}
