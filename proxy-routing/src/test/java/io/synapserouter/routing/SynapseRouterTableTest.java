package io.synapserouter.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.core.route.Route;
import io.synapserouter.routing.RoutingExpectations.Expectation;
import io.synapserouter.routing.config.RouterConfig;
import io.synapserouter.routing.pool.PoolRegistry;
import io.synapserouter.routing.table.PlannedRule;
import io.synapserouter.routing.table.RuleSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The hand-written expectations (routing-expectations.txt, from Synapse's public endpoint lists)
 * against the router's decisions, without sockets. RoutingAcceptanceTest sends the same requests
 * through the proxy to stand-in workers.
 */
class SynapseRouterTableTest {

    private static final List<Expectation> EXPECTATIONS = RoutingExpectations.load();

    private final Map<String, SynapseRouter> routers = new HashMap<>();

    @Test
    void everyListedRequestIsRoutedToThePoolThePublicListsName() {
        List<String> wrong = new ArrayList<>();
        for (Expectation e : EXPECTATIONS) {
            SynapseRouter router = routers.computeIfAbsent(e.scenario(), SynapseRouterTableTest::router);
            Route route = decide(router, e);
            if (!route.pool().name().equals(e.pool())) {
                wrong.add(e + " but went to " + route.pool().name() + " by rule " + route.name());
            }
        }
        assertThat(wrong).as("requests routed to the wrong pool").isEmpty();
    }

    @Test
    void theExpectationsCoverAtLeast250RequestsOnBothListenersAndEveryVersionPrefix() {
        assertThat(EXPECTATIONS).hasSizeGreaterThanOrEqualTo(250);
        assertThat(EXPECTATIONS).extracting(Expectation::listener).contains(RuleSpec.CLIENT, RuleSpec.FEDERATION);
        for (String prefix : List.of("/_matrix/client/api/v1/", "/_matrix/client/r0/", "/_matrix/client/v3/", "/_matrix/client/unstable/")) {
            assertThat(EXPECTATIONS).as(prefix).anyMatch(e -> e.target().startsWith(prefix));
        }
        assertThat(EXPECTATIONS).as("percent-encoded room IDs").anyMatch(e -> e.target().contains("%21"));
    }

    @Test
    void theExpectationsExerciseEveryActiveFamilyOfEachScenario() {
        Map<String, Set<String>> hit = new HashMap<>();
        for (Expectation e : EXPECTATIONS) {
            SynapseRouter router = routers.computeIfAbsent(e.scenario(), SynapseRouterTableTest::router);
            hit.computeIfAbsent(e.scenario() + "/" + e.listener(), k -> new TreeSet<>()).add(decide(router, e).name());
        }
        // Every family of the full deployment, and every worker family of the generic one.
        for (String scenario : List.of("full", "generic")) {
            SynapseRouter router = routers.get(scenario);
            for (String listener : List.of(RuleSpec.CLIENT, RuleSpec.FEDERATION)) {
                Set<String> families = new TreeSet<>();
                router.plan().activeRules(listener).stream()
                        .filter(rule -> scenario.equals("full") || rule.pool().equals("generic"))
                        .map(PlannedRule::name).forEach(families::add);
                assertThat(hit.get(scenario + "/" + listener)).as(scenario + " " + listener).containsAll(families);
            }
        }
    }

    static SynapseRouter router(String scenario) {
        RouterConfig config = TestDeployments.config(TestDeployments.workers(TestDeployments.scenario(scenario)));
        PoolRegistry pools = PoolRegistry.fromConfig(config);
        return SynapseRouter.create(config, pools, new TokenHashingResolver());
    }

    private static Route decide(SynapseRouter router, Expectation e) {
        CompletableFuture<Route> stage = router.route(TestDeployments.head(e.listener(), e.method(), e.target()))
                .toCompletableFuture();
        assertThat(stage).as("decided at once: " + e).isDone();
        return stage.join();
    }
}
