package io.synapserouter.core.balance;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.core.upstream.Endpoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeastOutstandingBalancerTest {

    @Test
    void equallyBusyEndpointsShareThePicksEvenly() {
        List<Endpoint> endpoints = Endpoints.workers("client_reader", 4);
        Balancer balancer = new LeastOutstandingBalancer(endpoints);
        Map<Endpoint, Integer> picks = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            picks.merge(balancer.select(null, null), 1, Integer::sum);
        }
        System.out.println("least outstanding, idle pool, 400 picks: " + picks);
        assertThat(picks).hasSize(4).allSatisfy((e, count) -> assertThat(count).isEqualTo(100));
    }

    @Test
    void theEndpointWithFewestRequestsInFlightIsPicked() {
        List<Endpoint> endpoints = Endpoints.workers("client_reader", 3);
        Balancer balancer = new LeastOutstandingBalancer(endpoints);
        start(endpoints.get(0), 5);
        start(endpoints.get(1), 1);
        start(endpoints.get(2), 3);
        for (int i = 0; i < 10; i++) {
            assertThat(balancer.select("ignored", null)).isSameAs(endpoints.get(1));
        }
    }

    @Test
    void picksKeepOutstandingCountsLevelUnderSustainedLoad() {
        List<Endpoint> endpoints = Endpoints.workers("client_reader", 4);
        Balancer balancer = new LeastOutstandingBalancer(endpoints);
        // requests that never finish: each pick must go to a least busy endpoint, so counts stay level
        for (int i = 0; i < 1_000; i++) {
            balancer.select(null, null).requestStarted();
            int max = endpoints.stream().mapToInt(Endpoint::outstanding).max().orElseThrow();
            int min = endpoints.stream().mapToInt(Endpoint::outstanding).min().orElseThrow();
            assertThat(max - min).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void unavailableAndExcludedEndpointsArePassedOver() {
        List<Endpoint> endpoints = Endpoints.workers("client_reader", 3);
        Balancer balancer = new LeastOutstandingBalancer(endpoints);
        start(endpoints.get(2), 10);
        endpoints.get(0).available(false);
        for (int i = 0; i < 10; i++) {
            assertThat(balancer.select(null, endpoints.get(1))).isSameAs(endpoints.get(2));
        }
    }

    @Test
    void excludeIsReturnedOnlyWhenItIsTheLastAvailableAndNullWhenNoneIs() {
        List<Endpoint> endpoints = Endpoints.workers("client_reader", 2);
        Balancer balancer = new LeastOutstandingBalancer(endpoints);
        endpoints.get(0).available(false);
        assertThat(balancer.select(null, endpoints.get(1))).isSameAs(endpoints.get(1));
        endpoints.get(1).available(false);
        assertThat(balancer.select(null, endpoints.get(1))).isNull();
        assertThat(balancer.select(null, null)).isNull();
        assertThat(new LeastOutstandingBalancer(List.of()).select(null, null)).isNull();
    }

    private static void start(Endpoint endpoint, int requests) {
        for (int i = 0; i < requests; i++) {
            endpoint.requestStarted();
        }
    }
}
