package io.synapserouter.core.observe;

import io.synapserouter.testkit.prometheus.Scrape;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.synapserouter.core.balance.Balancing;
import io.synapserouter.core.client.NettyHttpFetcher;
import io.synapserouter.core.config.HealthCheckSettings;
import io.synapserouter.core.health.HealthChecker;
import io.synapserouter.core.transport.Transport;
import io.synapserouter.core.upstream.Endpoint;
import io.synapserouter.core.upstream.UpstreamPool;
import io.synapserouter.standin.StandinProcess;
import io.synapserouter.standin.SynapseStandin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** {@link ProxyMetrics} as the health checker's listener, against stand-in workers that fail and recover. */
class EndpointHealthMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aWorkerFailingItsHealthChecksShowsAsDownAndEjectedThenAsRestored() throws Exception {
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(1, r -> new Thread(r, "health-metrics"));
        try (SynapseStandin synapse = new SynapseStandin();
             ProxyMetrics metrics = new ProxyMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            List<StandinProcess> workers = synapse.workers("sync", 2);
            List<Endpoint> endpoints = new ArrayList<>();
            for (StandinProcess worker : workers) {
                Endpoint endpoint = new Endpoint("sync", "127.0.0.1", worker.address().getPort());
                endpoint.address(worker.address());
                endpoints.add(endpoint);
            }
            List<UpstreamPool> pools = List.of(new UpstreamPool("sync", endpoints, Balancing.CONSISTENT_HASH));
            metrics.registerPools(pools);
            HealthCheckSettings settings = new HealthCheckSettings(Duration.ofMillis(100), Duration.ofSeconds(2), 1, 1, "/health");
            String failing = endpoints.get(0).id();
            String healthy = endpoints.get(1).id();
            try (HealthChecker checker = new HealthChecker(pools, settings,
                    new NettyHttpFetcher(group, transport.clientChannel()), group, metrics)) {
                checker.start();

                workers.get(0).healthy(false);
                Scrape down = await(metrics, s -> s.sum("synapse_router_endpoint_up", "endpoint", failing) == 0
                        && s.sum("synapse_router_endpoint_ejections_total", "endpoint", failing, "cause", "active_fail") >= 1);
                assertThat(down.sum("synapse_router_endpoint_up", "endpoint", healthy)).isEqualTo(1);
                assertThat(down.sum("synapse_router_endpoint_ejections_total", "endpoint", healthy)).isZero();

                workers.get(0).healthy(true);
                Scrape back = await(metrics, s -> s.sum("synapse_router_endpoint_up", "endpoint", failing) == 1
                        && s.sum("synapse_router_endpoint_restorations_total", "endpoint", failing) >= 1);
                assertThat(back.sum("synapse_router_endpoint_ejections_total", "endpoint", failing, "cause", "passive_eject")).isZero();
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }

    private static Scrape await(ProxyMetrics metrics, Predicate<Scrape> condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Scrape scrape;
        do {
            scrape = new Scrape(metrics.registry().scrape());
            if (condition.test(scrape)) {
                return scrape;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not reached within " + WAIT + ":\n" + metrics.registry().scrape());
    }
}
