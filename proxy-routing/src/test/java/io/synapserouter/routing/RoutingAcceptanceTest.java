package io.synapserouter.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.synapserouter.core.client.NettyHttpFetcher;
import io.synapserouter.core.config.HostPort;
import io.synapserouter.core.config.LimitSettings;
import io.synapserouter.core.config.ListenerSettings;
import io.synapserouter.core.config.ProxySettings;
import io.synapserouter.core.config.TimeoutSettings;
import io.synapserouter.core.route.Router;
import io.synapserouter.core.server.ProxyServer;
import io.synapserouter.core.upstream.Endpoint;
import io.synapserouter.routing.RoutingExpectations.Expectation;
import io.synapserouter.routing.config.KeyKind;
import io.synapserouter.routing.config.PoolOverride;
import io.synapserouter.routing.config.RouteRule;
import io.synapserouter.routing.config.RouterConfig;
import io.synapserouter.routing.config.WhoamiSettings;
import io.synapserouter.routing.identity.IdentityResolver;
import io.synapserouter.routing.identity.WhoamiResolver;
import io.synapserouter.routing.pool.PoolRegistry;
import io.synapserouter.standin.StandinProcess;
import io.synapserouter.standin.SynapseStandin;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The routing acceptance of issue 3 through real sockets: a {@link ProxyServer} driven by
 * {@link SynapseRouter} in front of stand-in Synapse processes, each answering with
 * {@code X-Served-By: <pool>-<n>}. The expected pools are the hand-written ones of
 * routing-expectations.txt.
 */
class RoutingAcceptanceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(WAIT).build();
    private final List<Deployment> deployments = new ArrayList<>();

    @AfterEach
    void tearDown() {
        deployments.forEach(Deployment::close);
    }

    @Test
    void everyListedRequestIsServedByAProcessOfTheExpectedPool() throws Exception {
        Map<String, Deployment> byScenario = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        for (Expectation e : RoutingExpectations.load()) {
            Deployment d = byScenario.computeIfAbsent(e.scenario(),
                    s -> start(TestDeployments.scenario(s), Map.of(), List.of()));
            HttpResponse<String> response = send(d, e.listener(), e.method(), e.target());
            sent++;
            String servedBy = response.headers().firstValue("X-Served-By").orElse("(none: " + response.statusCode() + ")");
            if (!poolOf(servedBy).equals(e.pool())) {
                wrong.add(e + " but was served by " + servedBy);
            }
        }
        assertThat(sent).isGreaterThanOrEqualTo(250);
        assertThat(wrong).as("requests served by the wrong process").isEmpty();
    }

    @Test
    void everyRequestForOneRoomIsServedByOneRoomWorkerWhateverTheEncoding() throws Exception {
        Deployment d = start(Map.of("room", 4), Map.of(), List.of());
        Set<String> workersUsed = new HashSet<>();
        for (int r = 0; r < 40; r++) {
            String local = "room" + r + "x" + Integer.toHexString(r * 7919);
            Set<String> servedBy = new HashSet<>();
            for (String id : List.of("!" + local + ":example.org", "%21" + local + "%3Aexample.org", "%21" + local + "%3aexample.org")) {
                servedBy.add(header(send(d, "client", "GET", "/_matrix/client/v3/rooms/" + id + "/messages?dir=b")));
                servedBy.add(header(send(d, "client", "PUT", "/_matrix/client/r0/rooms/" + id + "/send/m.room.message/t" + r)));
                servedBy.add(header(send(d, "federation", "GET", "/_matrix/federation/v1/state_ids/" + id)));
            }
            assertThat(servedBy).as(local).hasSize(1);
            assertThat(servedBy.iterator().next()).startsWith("room-");
            workersUsed.addAll(servedBy);
        }
        assertThat(workersUsed).as("rooms spread over the workers").hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void initialSyncsUseTheirPoolThenSyncThenMain() throws Exception {
        Deployment d = start(Map.of("initial_sync", 1, "sync", 2), Map.of(), List.of());
        assertThat(header(send(d, "client", "GET", "/_matrix/client/v3/sync"))).isEqualTo("initial_sync-1");
        assertThat(header(send(d, "client", "GET", "/_matrix/client/v3/sync?since=s1"))).startsWith("sync-");

        d.unavailable("initial_sync");
        assertThat(header(send(d, "client", "GET", "/_matrix/client/v3/sync"))).startsWith("sync-");
        d.unavailable("sync");
        assertThat(header(send(d, "client", "GET", "/_matrix/client/v3/sync"))).isEqualTo("main");
        assertThat(header(send(d, "client", "GET", "/_matrix/client/v3/sync?since=s1"))).isEqualTo("main");
    }

    @Test
    void anEmptyPoolFallsBackToMainButWhenEmptyErrorAnswers503InMatrixJson() throws Exception {
        Deployment d = start(Map.of("room", 2, "client_reader", 1),
                Map.of("client_reader", new PoolOverride(null, PoolOverride.WhenEmpty.ERROR)), List.of());
        d.unavailable("room");
        d.unavailable("client_reader");
        assertThat(header(send(d, "client", "GET", "/_matrix/client/v3/rooms/!a:b.c/messages"))).isEqualTo("main");

        HttpResponse<String> refused = send(d, "client", "GET", "/_matrix/client/versions");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(refused.body()).contains("\"errcode\":\"M_UNKNOWN\"");
    }

    @Test
    void mediaAndSsoNeverFallBackToMain() throws Exception {
        Deployment d = start(Map.of("media_repository", 1), Map.of(), List.of());
        d.unavailable("media_repository");
        for (String target : List.of("/_matrix/media/v3/download/example.org/abc", "/_matrix/client/v1/media/config")) {
            HttpResponse<String> response = send(d, "client", "GET", target);
            assertThat(response.statusCode()).as(target).isEqualTo(503);
            assertThat(response.body()).contains("\"errcode\":\"M_UNKNOWN\"");
        }
        HttpResponse<String> federationMedia = send(d, "federation", "GET", "/_matrix/federation/v1/media/download/abc");
        assertThat(federationMedia.statusCode()).isEqualTo(503);

        d.unavailable("main");
        HttpResponse<String> sso = send(d, "client", "GET", "/_matrix/client/v3/login/sso/redirect?redirectUrl=x");
        assertThat(sso.statusCode()).as("SSO stays on main, even when main is down").isEqualTo(503);
    }

    @Test
    void operatorRoutesAreTriedBeforeTheBuiltinTable() throws Exception {
        try (SynapseStandin extra = new SynapseStandin()) {
            StandinProcess mas = extra.start("mas", 0, false);
            List<RouteRule> routes = List.of(
                    new RouteRule("mas-auth", "client", Pattern.compile("^/_matrix/client/(r0|v3)/(login|logout|refresh)$"),
                            Set.of(), null, HostPort.parse(mas.hostPort()), KeyKind.NONE),
                    new RouteRule("admin-to-readers", null, Pattern.compile("^/_synapse/admin/"), Set.of("GET"),
                            "client_reader", null, KeyKind.NONE));
            Deployment d = start(Map.of("client_reader", 1, "media_repository", 1), Map.of(), routes);
            assertThat(header(send(d, "client", "POST", "/_matrix/client/v3/login"))).isEqualTo("mas");
            assertThat(header(send(d, "client", "POST", "/_matrix/client/v3/logout"))).isEqualTo("mas");
            assertThat(header(send(d, "client", "GET", "/_synapse/admin/v1/media/example.org/abc"))).isEqualTo("client_reader-1");
            assertThat(header(send(d, "client", "DELETE", "/_synapse/admin/v1/media/example.org/abc"))).isEqualTo("media_repository-1");
            assertThat(header(send(d, "federation", "GET", "/_synapse/admin/v1/server_version"))).isEqualTo("client_reader-1");
        }
    }

    @Test
    void debugHeadersNameThePoolTheEndpointAndTheRuleOnlyWhenEnabled() throws Exception {
        Deployment quiet = start(Map.of("room", 2), Map.of(), List.of());
        HttpResponse<String> plain = send(quiet, "client", "GET", "/_matrix/client/v3/rooms/!a:b.c/messages");
        assertThat(plain.headers().firstValue("X-Synapse-Router-Pool")).isEmpty();

        Deployment debug = new Deployment(Map.of("room", 2), Map.of(), List.of(), true);
        deployments.add(debug);
        HttpResponse<String> response = send(debug, "client", "GET", "/_matrix/client/v3/rooms/%21a%3Ab.c/messages");
        String servedBy = header(response);
        assertThat(response.headers().firstValue("X-Synapse-Router-Pool")).hasValue("room");
        assertThat(response.headers().firstValue("X-Synapse-Router-Route")).hasValue("room");
        StandinProcess process = debug.synapse.process(servedBy);
        assertThat(response.headers().firstValue("X-Synapse-Router-Upstream")).hasValue(process.hostPort());
    }

    @Test
    void everyDeviceOfOneUserSyncsOnTheSameSyncWorkerThroughWhoami() throws Exception {
        EventLoopGroup lookups = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            NettyHttpFetcher fetcher = new NettyHttpFetcher(lookups, NioSocketChannel.class);
            Deployment d = new Deployment(Map.of("sync", 4), Map.of(), List.of(), false, synapse -> {
                URI whoami = URI.create("http://" + synapse.main().hostPort() + "/_matrix/client/v3/account/whoami");
                WhoamiSettings settings = new WhoamiSettings(whoami, WAIT, Duration.ofHours(1), Duration.ofMinutes(1), 10_000,
                        5, Duration.ofSeconds(10));
                return WhoamiResolver.builder(settings, fetcher, synapse.main()::address).build();
            });
            deployments.add(d);
            Set<String> workersUsed = new HashSet<>();
            for (int u = 0; u < 24; u++) {
                String user = "@user" + u + ":example.org";
                Set<String> servedBy = new HashSet<>();
                for (int device = 0; device < 3; device++) {
                    String token = "syt_dXNlcg_device" + device + "user" + u + "_0abcde";
                    d.synapse.tokens().put(token, user);
                    servedBy.add(header(send(d, "client", "GET", "/_matrix/client/v3/sync?since=s1&timeout=0",
                            "Authorization", "Bearer " + token)));
                    servedBy.add(header(send(d, "client", "GET", "/_matrix/client/v3/sync?since=s2&access_token=" + token)));
                }
                assertThat(servedBy).as(user).hasSize(1);
                assertThat(servedBy.iterator().next()).startsWith("sync-");
                workersUsed.addAll(servedBy);
            }
            assertThat(workersUsed).as("users spread over the sync workers").hasSizeGreaterThanOrEqualTo(2);
        } finally {
            deployments.forEach(Deployment::close);
            deployments.clear();
            lookups.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    // ------------------------------------------------------------------------------------------------

    /** The pool a stand-in process belongs to: its name without the {@code -<n>} suffix. */
    private static String poolOf(String servedBy) {
        return servedBy.replaceFirst("-\\d+$", "");
    }

    private static String header(HttpResponse<String> response) {
        return response.headers().firstValue("X-Served-By").orElse("(none: " + response.statusCode() + " " + response.body() + ")");
    }

    private HttpResponse<String> send(Deployment d, String listener, String method, String target, String... headers)
            throws Exception {
        // Long-polls answer at once: the stand-in would otherwise hold them for their timeout.
        String quick = target.replaceAll("timeout=\\d+", "timeout=0");
        URI uri = URI.create("http://127.0.0.1:" + d.server.port(listener) + quick);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(WAIT).method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        HttpRequest request = builder.build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private Deployment start(Map<String, Integer> counts, Map<String, PoolOverride> overrides, List<RouteRule> routes) {
        Deployment d = new Deployment(counts, overrides, routes);
        deployments.add(d);
        return d;
    }

    /** Stand-ins for main and every worker, and a proxy in front of them. */
    private static final class Deployment implements AutoCloseable {
        final SynapseStandin synapse = new SynapseStandin();
        final PoolRegistry pools;
        final ProxyServer server;

        Deployment(Map<String, Integer> counts, Map<String, PoolOverride> overrides, List<RouteRule> routes) {
            this(counts, overrides, routes, false);
        }

        Deployment(Map<String, Integer> counts, Map<String, PoolOverride> overrides, List<RouteRule> routes, boolean debugHeaders) {
            this(counts, overrides, routes, debugHeaders, synapse -> new TokenHashingResolver());
        }

        Deployment(Map<String, Integer> counts, Map<String, PoolOverride> overrides, List<RouteRule> routes, boolean debugHeaders,
                   Function<SynapseStandin, IdentityResolver> identity) {
            StandinProcess main = synapse.main();
            StandinProcess mainFederation = synapse.start("main_federation", 0, false);
            Map<String, List<HostPort>> workers = new LinkedHashMap<>();
            counts.forEach((pool, n) -> workers.put(pool,
                    synapse.workers(pool, n).stream().map(p -> HostPort.parse(p.hostPort())).toList()));
            RouterConfig config = TestDeployments.config(HostPort.parse(main.hostPort()), HostPort.parse(mainFederation.hostPort()),
                    workers, overrides, routes);
            pools = PoolRegistry.fromConfig(config);
            for (Endpoint e : pools.endpoints()) {
                e.address(new InetSocketAddress(e.host(), e.port()));
            }
            Router router = SynapseRouter.create(config, pools, identity.apply(synapse));
            ProxySettings settings = new ProxySettings(
                    List.of(new ListenerSettings("client", "127.0.0.1", 0, 50L << 20),
                            new ListenerSettings("federation", "127.0.0.1", 0, 150L << 20)),
                    List.of(), TimeoutSettings.DEFAULTS, LimitSettings.DEFAULTS,
                    Duration.ofSeconds(5), Duration.ofSeconds(5), debugHeaders, "http", 1);
            server = ProxyServer.builder().settings(settings).router(router).errorBody(MatrixErrorBody.INSTANCE).build();
            server.start();
        }

        void unavailable(String pool) {
            pools.pool(pool).endpoints().forEach(e -> e.available(false));
        }

        @Override
        public void close() {
            server.shutdown(Duration.ofSeconds(2)).toCompletableFuture().join();
            synapse.close();
        }
    }
}
