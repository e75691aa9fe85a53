package io.synapserouter.core.balance;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.core.upstream.Endpoint;
import io.synapserouter.core.upstream.UpstreamPool;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BalancingTest {

    @Test
    void eachStrategyBuildsItsOwnBalancer() {
        List<Endpoint> endpoints = Endpoints.workers("p", 3);
        assertThat(Balancing.CONSISTENT_HASH.create(endpoints)).isInstanceOf(ConsistentHashBalancer.class);
        assertThat(Balancing.LEAST_OUTSTANDING.create(endpoints)).isInstanceOf(LeastOutstandingBalancer.class);
        assertThat(Balancing.ROUND_ROBIN.create(endpoints)).isInstanceOf(RoundRobinBalancer.class);
    }

    @Test
    void aHashedPoolSendsEveryRequestWithOneKeyToOneEndpoint() {
        UpstreamPool sync = new UpstreamPool("sync", Endpoints.workers("sync", 4), Balancing.CONSISTENT_HASH);
        for (int k = 0; k < 200; k++) {
            Endpoint first = sync.select("user" + k, null);
            for (int device = 0; device < 3; device++) {
                assertThat(sync.select("user" + k, null)).isSameAs(first);
            }
        }
    }

    @Test
    void aHashedPoolSendsKeylessRequestsToTheLeastBusyEndpoint() {
        List<Endpoint> endpoints = Endpoints.workers("sync", 3);
        UpstreamPool sync = new UpstreamPool("sync", endpoints, Balancing.CONSISTENT_HASH);
        endpoints.get(0).requestStarted();
        endpoints.get(2).requestStarted();
        assertThat(sync.select(null, null)).isSameAs(endpoints.get(1));
        endpoints.get(1).requestStarted();
        Map<Endpoint, Integer> picks = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            picks.merge(sync.select(null, null), 1, Integer::sum);
        }
        assertThat(picks).hasSize(3).allSatisfy((e, count) -> assertThat(count).isEqualTo(100));
    }
}
