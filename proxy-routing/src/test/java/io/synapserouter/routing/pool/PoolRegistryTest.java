package io.synapserouter.routing.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synapserouter.core.balance.Balancing;
import io.synapserouter.core.config.HostPort;
import io.synapserouter.core.upstream.UpstreamPool;
import io.synapserouter.routing.config.KeyKind;
import io.synapserouter.routing.config.PoolNames;
import io.synapserouter.routing.config.PoolOverride;
import io.synapserouter.routing.config.RouteRule;
import io.synapserouter.routing.config.RouterConfig;
import io.synapserouter.routing.config.SynapseSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PoolRegistryTest {

    private static final HostPort MAIN = new HostPort("synapse", 8008);

    @Test
    void eachPoolGetsTheBalancingPeersUseByDefault() {
        Map<String, List<HostPort>> workers = new LinkedHashMap<>();
        for (String pool : List.of("room", "sync", "initial_sync", "client_reader", "federation_reader", "generic",
                "media_repository", "user_dir", "typing", "receipts")) {
            workers.put(pool, List.of(new HostPort(pool.replace('_', '-'), 8080)));
        }
        PoolRegistry registry = PoolRegistry.fromConfig(config(workers, Map.of(), List.of()));
        Map<String, Balancing> expected = Map.ofEntries(
                Map.entry("main", Balancing.ROUND_ROBIN),
                Map.entry("main_federation", Balancing.ROUND_ROBIN),
                Map.entry("room", Balancing.CONSISTENT_HASH),
                Map.entry("sync", Balancing.CONSISTENT_HASH),
                Map.entry("initial_sync", Balancing.CONSISTENT_HASH),
                Map.entry("client_reader", Balancing.LEAST_OUTSTANDING),
                Map.entry("federation_reader", Balancing.CONSISTENT_HASH),
                Map.entry("generic", Balancing.CONSISTENT_HASH),
                Map.entry("media_repository", Balancing.LEAST_OUTSTANDING),
                Map.entry("user_dir", Balancing.ROUND_ROBIN),
                Map.entry("typing", Balancing.ROUND_ROBIN),
                Map.entry("receipts", Balancing.ROUND_ROBIN));
        expected.forEach((pool, balancing) -> assertThat(registry.pool(pool).balancing()).as(pool).isEqualTo(balancing));
    }

    @Test
    void aPoolOverrideReplacesTheDefaultBalancing() {
        Map<String, List<HostPort>> workers = Map.of("client_reader", List.of(new HostPort("cr", 1)));
        Map<String, PoolOverride> overrides = Map.of("client_reader", new PoolOverride(Balancing.ROUND_ROBIN, null));
        PoolRegistry registry = PoolRegistry.fromConfig(config(workers, overrides, List.of()));
        assertThat(registry.pool("client_reader").balancing()).isEqualTo(Balancing.ROUND_ROBIN);
        assertThat(registry.whenEmpty("client_reader")).isNull();
    }

    @Test
    void mainPoolsComeFromSynapseAndFederationDefaultsToTheClientListener() {
        RouterConfig config = new RouterConfig(null, null, new SynapseSettings(MAIN, null), Map.of(), Map.of(), List.of(), null, null, null);
        PoolRegistry registry = PoolRegistry.fromConfig(config);
        assertThat(registry.main().endpoints()).singleElement().satisfies(e -> assertThat(e.id()).isEqualTo("synapse:8008"));
        assertThat(registry.mainFederation().endpoints()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("synapse:8008");
            assertThat(e.pool()).isEqualTo(PoolNames.MAIN_FEDERATION);
        });
    }

    @Test
    void emptyWorkerListsMakeNoPoolAndEndpointsKnowTheirPool() {
        Map<String, List<HostPort>> workers = Map.of("room", List.of(), "sync", List.of(new HostPort("s1", 1), new HostPort("s2", 2)));
        PoolRegistry registry = PoolRegistry.fromConfig(config(workers, Map.of(), List.of()));
        assertThat(registry.hasWorkers("room")).isFalse();
        assertThat(registry.pool("room")).isNull();
        assertThat(registry.pool("sync").endpoints()).extracting(e -> e.pool() + "/" + e.id()).containsExactly("sync/s1:1", "sync/s2:2");
        assertThat(registry.all()).extracting(UpstreamPool::name).containsExactly("main", "main_federation", "sync");
    }

    @Test
    void operatorUpstreamsGetOnePoolPerAddressStickyWhenKeyed() {
        HostPort mas = new HostPort("mas", 8080);
        List<RouteRule> routes = List.of(
                new RouteRule("a", null, Pattern.compile("^/a"), Set.of(), null, mas, KeyKind.NONE),
                new RouteRule("b", null, Pattern.compile("^/b"), Set.of(), null, mas, KeyKind.CLIENT_IP),
                new RouteRule("c", null, Pattern.compile("^/c"), Set.of(), null, new HostPort("other", 1), KeyKind.NONE));
        PoolRegistry registry = PoolRegistry.fromConfig(config(Map.of(), Map.of(), routes));
        assertThat(registry.all()).extracting(UpstreamPool::name)
                .containsExactly("main", "main_federation", "upstream:mas:8080", "upstream:other:1");
        assertThat(registry.pool("upstream:mas:8080").balancing()).isEqualTo(Balancing.CONSISTENT_HASH);
        assertThat(registry.pool("upstream:other:1").balancing()).isEqualTo(Balancing.LEAST_OUTSTANDING);
    }

    @Test
    void aMissingMainProcessIsAConfigErrorNamingTheKey() {
        RouterConfig config = new RouterConfig(null, null, new SynapseSettings(null, null), Map.of(), Map.of(), List.of(), null, null, null);
        assertThatThrownBy(() -> PoolRegistry.fromConfig(config)).hasMessageContaining("synapse.client");
    }

    private static RouterConfig config(Map<String, List<HostPort>> workers, Map<String, PoolOverride> pools, List<RouteRule> routes) {
        return new RouterConfig(null, null, new SynapseSettings(MAIN, new HostPort("synapse", 8048)), workers, pools, routes, null, null, null);
    }
}
