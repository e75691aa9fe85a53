package io.synapserouter.routing.table;

import io.synapserouter.routing.config.KeyKind;
import io.synapserouter.routing.config.PoolNames;
import io.synapserouter.routing.config.PoolOverride;
import io.synapserouter.routing.config.RouteRule;
import io.synapserouter.routing.config.RouterConfig;
import io.synapserouter.routing.pool.PoolRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides, once at start-up, what each rule does in this deployment: the operator's {@code routes:}
 * first, then the built-in table; a rule whose pool has no workers is skipped or sent to main as its
 * {@code if_empty} says; fallbacks keep only pools that have workers, and {@code pools.<name>.when_empty}
 * overrides them. The run-time table then holds active rules only.
 */
public final class RoutePlanner {

    private static final Set<String> READS = Set.of("GET", "HEAD");

    private RoutePlanner() {
    }

    /** The plan for a configuration with the built-in table. */
    public static RoutePlan plan(RouterConfig config, PoolRegistry pools) {
        return plan(operatorRules(config), BuiltinRoutes.load(), pools);
    }

    public static RoutePlan plan(List<RuleSpec> operator, List<RuleSpec> builtin, PoolRegistry pools) {
        List<PlannedRule> client = new ArrayList<>();
        List<PlannedRule> federation = new ArrayList<>();
        for (List<RuleSpec> specs : List.of(operator, builtin)) {
            for (RuleSpec spec : specs) {
                List<PlannedRule> list = RuleSpec.FEDERATION.equals(spec.listener()) ? federation : client;
                list.add(plan(spec, list.size() + 1, pools));
            }
        }
        return new RoutePlan(client, federation);
    }

    /**
     * The operator's {@code routes:} as rules: one per listener it applies to, falling back to that
     * listener's main process, except rules that name an address (a separate service has no main).
     *
     * @throws IllegalArgumentException naming the route when it targets a pool nobody declared
     */
    public static List<RuleSpec> operatorRules(RouterConfig config) {
        Set<String> declared = new HashSet<>(config.workers().keySet());
        declared.addAll(PoolNames.WORKER_TYPES);
        declared.addAll(PoolNames.STREAM_WRITERS);
        declared.add(PoolNames.MAIN);
        declared.add(PoolNames.MAIN_FEDERATION);
        List<RuleSpec> specs = new ArrayList<>();
        List<RouteRule> routes = config.routes();
        for (int i = 0; i < routes.size(); i++) {
            RouteRule rule = routes.get(i);
            String origin = "routes[" + i + "] '" + rule.name() + "'";
            if (rule.pool() != null && !declared.contains(rule.pool())) {
                throw new IllegalArgumentException(origin + ": pool '" + rule.pool() + "' is neither main, main_federation"
                        + " nor a pool under workers:");
            }
            List<String> listeners = rule.listener() == null
                    ? List.of(RuleSpec.CLIENT, RuleSpec.FEDERATION) : List.of(rule.listener());
            for (String listener : listeners) {
                String pool = rule.pool() != null ? rule.pool() : PoolRegistry.upstreamPoolName(rule.upstream());
                List<String> fallback = rule.upstream() != null ? List.of() : List.of(RuleSpec.mainPoolOf(listener));
                specs.add(new RuleSpec(listener, rule.name(), pool, rule.key() == null ? KeyKind.NONE : rule.key(),
                        MethodFilter.only(rule.methods()), RequestCondition.ALWAYS, IfEmpty.SKIP, fallback, rule.path(), origin));
            }
        }
        return specs;
    }

    private static PlannedRule plan(RuleSpec spec, int order, PoolRegistry pools) {
        String main = RuleSpec.mainPoolOf(spec.listener());
        if (pools.hasWorkers(spec.pool())) {
            return planned(spec, order, spec.methods(), spec.pool(), spec.key(), fallback(spec, spec.pool(), main, pools), true, "");
        }
        String why = "no workers in pool '" + spec.pool() + "'";
        // Main is one process: a key would buy nothing, and a user key would cost a lookup.
        return switch (spec.ifEmpty()) {
            case SKIP -> planned(spec, order, spec.methods(), spec.pool(), spec.key(), List.of(), false, why);
            case MAIN -> planned(spec, order, spec.methods(), main, KeyKind.NONE, List.of(), true, why + ": " + main + " serves it");
            case MAIN_WRITES -> {
                MethodFilter writes = spec.methods().without(READS);
                yield writes == null
                        ? planned(spec, order, spec.methods(), spec.pool(), spec.key(), List.of(), false, why)
                        : planned(spec, order, writes, main, KeyKind.NONE, List.of(), true,
                                why + ": writes to " + main + ", reads fall through");
            }
        };
    }

    private static List<String> fallback(RuleSpec spec, String target, String main, PoolRegistry pools) {
        PoolOverride.WhenEmpty whenEmpty = pools.whenEmpty(target);
        if (target.equals(main) || whenEmpty == PoolOverride.WhenEmpty.ERROR) {
            return List.of();
        }
        if (whenEmpty == PoolOverride.WhenEmpty.MAIN) {
            return List.of(main);
        }
        List<String> chain = new ArrayList<>();
        for (String pool : spec.fallback()) {
            if (!pool.equals(target) && pools.hasWorkers(pool) && !chain.contains(pool)) {
                chain.add(pool);
            }
        }
        return chain;
    }

    private static PlannedRule planned(RuleSpec spec, int order, MethodFilter methods, String pool, KeyKind key,
                                       List<String> fallback, boolean active, String note) {
        return new PlannedRule(spec.listener(), order, spec.name(), methods, spec.condition(), spec.pattern(), pool,
                key, fallback, active, note, spec.origin());
    }
}
