package io.synapserouter.routing.table;

import io.synapserouter.routing.config.KeyKind;
import io.synapserouter.routing.config.PoolNames;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One rule of the route table before it meets a deployment: a line of {@code synapse-routes.tsv}, or
 * an operator's {@code routes:} entry.
 *
 * @param listener  {@code client} or {@code federation}
 * @param name      the family name, bounded (it labels metrics and log lines)
 * @param pool      the target pool name
 * @param key       what the pool's balancer sticks on
 * @param methods   the methods it applies to
 * @param condition a query-string condition, usually {@link RequestCondition#ALWAYS}
 * @param ifEmpty   what happens when {@code pool} has no workers
 * @param fallback  pools tried, in order, when {@code pool} has no available endpoint at run time;
 *                  those without workers are left out; empty for a 503
 * @param pattern   found in the raw path (rules are anchored with {@code ^} where they mean it)
 * @param origin    where the rule came from ({@code synapse-routes.tsv:12}, {@code routes[0]}) for errors
 */
public record RuleSpec(
        String listener,
        String name,
        String pool,
        KeyKind key,
        MethodFilter methods,
        RequestCondition condition,
        IfEmpty ifEmpty,
        List<String> fallback,
        Pattern pattern,
        String origin) {

    public static final String CLIENT = "client";
    public static final String FEDERATION = "federation";

    public RuleSpec {
        if (!CLIENT.equals(listener) && !FEDERATION.equals(listener)) {
            throw new IllegalArgumentException(origin + ": listener must be client or federation, not '" + listener + "'");
        }
        fallback = List.copyOf(fallback);
    }

    /** The main pool of a listener: {@code main} or {@code main_federation}. */
    public static String mainPoolOf(String listener) {
        return FEDERATION.equals(listener) ? PoolNames.MAIN_FEDERATION : PoolNames.MAIN;
    }
}
