package io.synapserouter.routing.observe;

import io.synapserouter.testkit.prometheus.Scrape;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.synapserouter.core.client.NettyHttpFetcher;
import io.synapserouter.core.observe.ProxyMetrics;
import io.synapserouter.core.route.RequestHead;
import io.synapserouter.core.transport.Transport;
import io.synapserouter.routing.config.WhoamiSettings;
import io.synapserouter.routing.identity.WhoamiResolver;
import io.synapserouter.standin.SynapseStandin;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real whoami resolver, against a stand-in Synapse, reporting into {@link WhoamiMetrics}. */
class WhoamiResolverMetricsTest {

    @Test
    void resolverOutcomesLookupsAndCacheFiguresAgreeWithWhatSynapseSaw() throws Exception {
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(1, r -> new Thread(r, "whoami-metrics"));
        try (SynapseStandin synapse = new SynapseStandin(); ProxyMetrics metrics = ProxyMetrics.create()) {
            int users = 20;
            for (int i = 0; i < users; i++) {
                synapse.tokens().put("mat_token" + i, "@user" + i + ":example.org");
            }
            WhoamiMetrics whoami = new WhoamiMetrics(metrics.registry());
            URI url = URI.create("http://" + synapse.main().hostPort() + "/_matrix/client/v3/account/whoami");
            WhoamiResolver resolver = WhoamiResolver.builder(
                            new WhoamiSettings(url, Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofMinutes(1), 10_000, 5,
                                    Duration.ofSeconds(10)),
                            new NettyHttpFetcher(group, transport.clientChannel()), synapse.main()::address)
                    .metrics(whoami)
                    .build();
            whoami.monitor(resolver.cache());

            // First round: every user misses (or joins a lookup already in flight); then 4 rounds of hits.
            for (int round = 0; round < 5; round++) {
                List<CompletableFuture<String>> keys = new ArrayList<>();
                for (int i = 0; i < users; i++) {
                    keys.add(resolver.userKey(head("Bearer mat_token" + i)).toCompletableFuture());
                }
                for (CompletableFuture<String> key : keys) {
                    assertThat(key.get(15, TimeUnit.SECONDS)).isNotNull();
                }
            }
            resolver.userKey(head(null)).toCompletableFuture().get(15, TimeUnit.SECONDS);
            resolver.userKey(head("Bearer mat_unknown")).toCompletableFuture().get(15, TimeUnit.SECONDS);

            Scrape scrape = new Scrape(metrics.registry().scrape());
            String text = metrics.registry().scrape();
            double misses = scrape.sum("synapse_router_whoami_requests_total", "outcome", "miss");
            assertThat(misses).isEqualTo(synapse.tokens().calls());
            assertThat(misses).isEqualTo(users + 1);
            assertThat(scrape.sum("synapse_router_whoami_requests_total", "outcome", "hit")).isEqualTo(4.0 * users);
            assertThat(scrape.sum("synapse_router_whoami_requests_total", "outcome", "no_token")).isEqualTo(1);
            assertThat(scrape.sum("synapse_router_whoami_lookups_total", "outcome", "ok")).isEqualTo(users);
            assertThat(scrape.sum("synapse_router_whoami_lookups_total", "outcome", "unauthorized")).isEqualTo(1);
            assertThat(scrape.sum("synapse_router_whoami_lookup_duration_seconds_count")).isEqualTo(users + 1);
            assertThat(scrape.sum("cache_gets_total", "cache", "whoami", "result", "hit")).isEqualTo(4.0 * users);
            assertThat(scrape.sum("synapse_router_whoami_breaker_open")).isZero();
            assertThat(text).doesNotContain("mat_token", "@user");
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }

    private static RequestHead head(String authorization) {
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        if (authorization != null) {
            headers.set("Authorization", authorization);
        }
        return new RequestHead("client", new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                "/_matrix/client/v3/sync?timeout=30000", headers), "192.0.2.10");
    }
}
