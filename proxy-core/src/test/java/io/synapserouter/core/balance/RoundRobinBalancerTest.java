package io.synapserouter.core.balance;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.core.upstream.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class RoundRobinBalancerTest {

    @Test
    void endpointsAreTakenInTurn() {
        List<Endpoint> endpoints = Endpoints.workers("media", 3);
        Balancer balancer = new RoundRobinBalancer(endpoints);
        Endpoint first = balancer.select(null, null);
        int offset = endpoints.indexOf(first);
        for (int i = 1; i < 30; i++) {
            assertThat(balancer.select("key-is-ignored", null)).isSameAs(endpoints.get((offset + i) % 3));
        }
    }

    @Test
    void concurrentPicksFromSeveralThreadsSpreadExactlyEvenly() throws Exception {
        List<Endpoint> endpoints = Endpoints.workers("media", 4);
        Balancer balancer = new RoundRobinBalancer(endpoints);
        Map<Endpoint, LongAdder> picks = new ConcurrentHashMap<>();
        endpoints.forEach(e -> picks.put(e, new LongAdder()));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<?>[] done = new Future<?>[4];
            for (int t = 0; t < 4; t++) {
                done[t] = pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 25_000; i++) {
                        picks.get(balancer.select(null, null)).increment();
                    }
                    return null;
                });
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("round robin, 4 threads × 25,000 picks: " + picks);
        assertThat(picks.values()).allSatisfy(count -> assertThat(count.sum()).isEqualTo(25_000));
    }

    @Test
    void unavailableEndpointsArePassedOverAndTheRestShareEvenly() {
        List<Endpoint> endpoints = Endpoints.workers("media", 4);
        Balancer balancer = new RoundRobinBalancer(endpoints);
        endpoints.get(1).available(false);
        int[] picks = new int[4];
        for (int i = 0; i < 3_000; i++) {
            picks[endpoints.indexOf(balancer.select(null, null))]++;
        }
        assertThat(picks[1]).isZero();
        // a down endpoint's turn goes to its successor, so shares are uneven only by that one turn
        assertThat(picks[0] + picks[2] + picks[3]).isEqualTo(3_000);
        assertThat(picks[0]).isBetween(700, 800);
        assertThat(picks[2]).isBetween(1_400, 1_600);
        assertThat(picks[3]).isBetween(700, 800);
    }

    @Test
    void excludeIsAvoidedUnlessItIsTheLastAvailableAndNullWhenNoneIs() {
        List<Endpoint> endpoints = Endpoints.workers("media", 2);
        Balancer balancer = new RoundRobinBalancer(endpoints);
        for (int i = 0; i < 10; i++) {
            assertThat(balancer.select(null, endpoints.get(0))).isSameAs(endpoints.get(1));
        }
        endpoints.get(1).available(false);
        assertThat(balancer.select(null, endpoints.get(0))).isSameAs(endpoints.get(0));
        endpoints.get(0).available(false);
        assertThat(balancer.select(null, endpoints.get(0))).isNull();
        assertThat(new RoundRobinBalancer(List.of()).select(null, null)).isNull();
    }
}
