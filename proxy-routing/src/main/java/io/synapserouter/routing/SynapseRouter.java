package io.synapserouter.routing;

import io.synapserouter.core.route.RequestHead;
import io.synapserouter.core.route.CompletedStages;
import io.synapserouter.core.route.Route;
import io.synapserouter.core.route.Router;
import io.synapserouter.core.upstream.UpstreamPool;
import io.synapserouter.routing.config.KeyKind;
import io.synapserouter.routing.config.RouterConfig;
import io.synapserouter.routing.identity.IdentityResolver;
import io.synapserouter.routing.key.RoomIds;
import io.synapserouter.routing.key.XMatrixOrigin;
import io.synapserouter.routing.pool.PoolRegistry;
import io.synapserouter.routing.table.PlannedRule;
import io.synapserouter.routing.table.RoutePlan;
import io.synapserouter.routing.table.RoutePlanner;
import io.synapserouter.routing.table.RouteTable;
import io.synapserouter.routing.table.RuleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Router} for Synapse: matches the raw path against the listener's route table (the
 * operator's rules, then the built-in families), takes the rule's balancing key, and answers the
 * route. Decisions that need no identity lookup come back as completed stages, most of them shared;
 * a user-keyed decision completes when the {@link IdentityResolver} does, on the thread that completes
 * it, and synchronously when the resolver answered from its cache.
 *
 * <pre>{@code
 * PoolRegistry pools = PoolRegistry.fromConfig(config);
 * SynapseRouter router = SynapseRouter.create(config, pools, identityResolver);
 * RouteTablePrinter.render(router.plan());   // what `check` prints
 * }</pre>
 */
public final class SynapseRouter implements Router {

    private static final Logger LOG = LoggerFactory.getLogger(SynapseRouter.class);

    private final RoutePlan plan;
    private final IdentityResolver identity;
    private final RouteTable<Destination> client;
    private final RouteTable<Destination> federation;
    private final Destination clientDefault;
    private final Destination federationDefault;

    private SynapseRouter(RoutePlan plan, PoolRegistry pools, IdentityResolver identity) {
        this.plan = plan;
        this.identity = identity;
        this.client = compile(plan, RuleSpec.CLIENT, pools);
        this.federation = compile(plan, RuleSpec.FEDERATION, pools);
        this.clientDefault = new Destination(plan.defaultPool(RuleSpec.CLIENT), KeyKind.NONE, List.of(pools.main()));
        this.federationDefault = new Destination(plan.defaultPool(RuleSpec.FEDERATION), KeyKind.NONE, List.of(pools.mainFederation()));
        LOG.info("route table: {} of {} client rules and {} of {} federation rules active",
                plan.activeRules(RuleSpec.CLIENT).size(), plan.rules(RuleSpec.CLIENT).size(),
                plan.activeRules(RuleSpec.FEDERATION).size(), plan.rules(RuleSpec.FEDERATION).size());
    }

    /**
     * The router for a configuration: its {@code routes:} first, then the built-in table.
     *
     * @param identity resolves user keys for the sync families; required
     * @throws IllegalArgumentException naming the route when an operator rule targets an unknown pool
     */
    public static SynapseRouter create(RouterConfig config, PoolRegistry pools, IdentityResolver identity) {
        return create(RoutePlanner.plan(config, pools), pools, identity);
    }

    /** The router for a plan already made (tests, or a plan printed before it runs). */
    public static SynapseRouter create(RoutePlan plan, PoolRegistry pools, IdentityResolver identity) {
        return new SynapseRouter(plan, pools, Objects.requireNonNull(identity, "identity"));
    }

    /** The effective table, for {@code check} and for logging at start-up. */
    public RoutePlan plan() {
        return plan;
    }

    @Override
    public CompletionStage<Route> route(RequestHead head) {
        String target = head.rawTarget();
        int q = target.indexOf('?');
        int pathEnd = q < 0 ? target.length() : q;
        boolean onFederation = RuleSpec.FEDERATION.equals(head.listener());
        Destination destination = (onFederation ? federation : client).match(target, pathEnd, head.method());
        if (destination == null) {
            destination = onFederation ? federationDefault : clientDefault;
        }
        CompletableFuture<Route> fixed = destination.fixed();
        if (fixed != null) {
            return fixed;
        }
        Route route = destination.route();
        return switch (destination.key()) {
            case NONE -> CompletableFuture.completedFuture(route);
            case ROOM -> CompletableFuture.completedFuture(withKey(route, RoomIds.find(target, 0, pathEnd)));
            case CLIENT_IP -> CompletableFuture.completedFuture(withKey(route, head.clientAddress()));
            case ORIGIN -> {
                String origin = XMatrixOrigin.find(head.headers());
                yield CompletableFuture.completedFuture(withKey(route, origin != null ? origin : head.clientAddress()));
            }
            case USER -> userRoute(head, route);
        };
    }

    private CompletionStage<Route> userRoute(RequestHead head, Route route) {
        CompletionStage<String> key = identity.userKey(head);
        CompletableFuture<String> done = completed(key);
        if (done != null) {
            return CompletableFuture.completedFuture(withKey(route, done.getNow(null)));
        }
        // No executor: the route is made on whichever thread completes the lookup.
        return key.handle((user, failure) -> withKey(route, failure == null ? user : null));
    }

    /** The stage as a future when it has already completed normally, else null. */
    private static CompletableFuture<String> completed(CompletionStage<String> stage) {
        CompletableFuture<String> future = CompletedStages.ifDone(stage);
        return future != null && !future.isCompletedExceptionally() ? future : null;
    }

    private static Route withKey(Route route, String key) {
        return key == null ? route : route.withKey(key);
    }

    private static RouteTable<Destination> compile(RoutePlan plan, String listener, PoolRegistry pools) {
        List<RouteTable.Entry<Destination>> entries = new ArrayList<>();
        for (PlannedRule rule : plan.activeRules(listener)) {
            List<UpstreamPool> chain = new ArrayList<>();
            chain.add(require(pools, rule.pool(), rule));
            for (String fallback : rule.fallback()) {
                chain.add(require(pools, fallback, rule));
            }
            entries.add(new RouteTable.Entry<>(rule.pattern(), rule.methods(), rule.condition(),
                    new Destination(rule.name(), rule.key(), chain)));
        }
        return RouteTable.compile(entries);
    }

    private static UpstreamPool require(PoolRegistry pools, String name, PlannedRule rule) {
        UpstreamPool pool = pools.pool(name);
        if (pool == null) {
            throw new IllegalArgumentException(rule.origin() + ": pool '" + name + "' has no workers");
        }
        return pool;
    }
}
