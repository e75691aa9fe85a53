package io.synapserouter.routing;

import static io.synapserouter.routing.TestDeployments.head;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.synapserouter.core.config.HostPort;
import io.synapserouter.core.error.ProxyError;
import io.synapserouter.core.route.RequestHead;
import io.synapserouter.core.route.Route;
import io.synapserouter.routing.config.KeyKind;
import io.synapserouter.routing.config.PoolOverride;
import io.synapserouter.routing.config.RouteRule;
import io.synapserouter.routing.config.RouterConfig;
import io.synapserouter.routing.identity.IdentityResolver;
import io.synapserouter.routing.pool.PoolRegistry;
import io.synapserouter.routing.table.PlannedRule;
import io.synapserouter.routing.table.RuleSpec;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SynapseRouterBehaviourTest {

    private final TokenHashingResolver identity = new TokenHashingResolver();

    // ---------------------------------------------------------------- initial sync

    @Test
    void initialSyncsGoToTheirPoolAndFallBackToSyncThenMain() {
        SynapseRouter router = router(Map.of("initial_sync", 1, "sync", 2));
        Route initial = route(router, "client", "GET", "/_matrix/client/v3/sync?timeout=0");
        assertThat(initial.name()).isEqualTo("initial_sync");
        assertThat(initial.pool().name()).isEqualTo("initial_sync");
        assertThat(initial.fallback().name()).isEqualTo("sync");

        initial.pool().endpoints().forEach(e -> e.available(false));
        Route whileInitialDown = route(router, "client", "GET", "/_matrix/client/v3/sync");
        assertThat(whileInitialDown.name()).isEqualTo("initial_sync");
        assertThat(whileInitialDown.pool().name()).isEqualTo("sync");
        assertThat(whileInitialDown.fallback().name()).isEqualTo("main");

        Route incremental = route(router, "client", "GET", "/_matrix/client/v3/sync?since=s1");
        assertThat(incremental.pool().name()).isEqualTo("sync");
        assertThat(incremental.fallback().name()).isEqualTo("main");
    }

    @Test
    void withoutASyncPoolAnInitialSyncFallsBackStraightToMain() {
        Route initial = route(router(Map.of("initial_sync", 1)), "client", "GET", "/_matrix/client/v3/initialSync");
        assertThat(initial.pool().name()).isEqualTo("initial_sync");
        assertThat(initial.fallback().name()).isEqualTo("main");
    }

    // ---------------------------------------------------------------- operator routes

    @Test
    void operatorRoutesComeFirstInTheirOrder() {
        List<RouteRule> routes = List.of(
                new RouteRule("mas-auth", "client", Pattern.compile("^/_matrix/client/(r0|v3)/(login|logout|refresh)$"), Set.of(),
                        null, new HostPort("mas.test", 8080), KeyKind.NONE),
                new RouteRule("sync-readers", null, Pattern.compile("/sync$"), Set.of("GET"), "client_reader", null, KeyKind.USER),
                new RouteRule("never", "client", Pattern.compile("/sync$"), Set.of(), "room", null, KeyKind.NONE));
        RouterConfig config = TestDeployments.config(TestDeployments.workers(TestDeployments.scenario("full")), Map.of(), routes);
        SynapseRouter router = SynapseRouter.create(config, PoolRegistry.fromConfig(config), identity);

        Route login = route(router, "client", "POST", "/_matrix/client/v3/login");
        assertThat(login.name()).isEqualTo("mas-auth");
        assertThat(login.pool().name()).isEqualTo("upstream:mas.test:8080");
        assertThat(login.fallback()).as("a separate service has no main to fall back to").isNull();

        Route sync = route(router, "client", "GET", "/_matrix/client/v3/sync?since=s1");
        assertThat(sync.name()).isEqualTo("sync-readers");
        assertThat(sync.pool().name()).isEqualTo("client_reader");
        assertThat(sync.fallback().name()).isEqualTo("main");

        Route postSync = route(router, "client", "POST", "/_matrix/client/v3/sync");
        assertThat(postSync.name()).as("a method the operator rule does not list falls through").isEqualTo("never");

        Route federationLogin = route(router, "federation", "POST", "/_matrix/client/v3/login");
        assertThat(federationLogin.pool().name()).as("mas-auth is for the client listener only").isEqualTo("main_federation");
    }

    @Test
    void anOperatorRouteToAPoolNobodyDeclaredIsAConfigErrorNamingIt() {
        List<RouteRule> routes = List.of(new RouteRule("typo", null, Pattern.compile("^/x"), Set.of(), "sycn", null, KeyKind.NONE));
        RouterConfig config = TestDeployments.config(Map.of(), Map.of(), routes);
        assertThatThrownBy(() -> SynapseRouter.create(config, PoolRegistry.fromConfig(config), identity))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("routes[0] 'typo'")
                .hasMessageContaining("'sycn'");
    }

    @Test
    void anOperatorRouteToAnEmptyPoolIsSkipped() {
        List<RouteRule> routes = List.of(new RouteRule("r", null, Pattern.compile("^/_matrix/client/v3/sync"), Set.of(), "room", null, KeyKind.ROOM));
        RouterConfig config = TestDeployments.config(Map.of("sync", List.of(new HostPort("s.test", 1))), Map.of(), routes);
        SynapseRouter router = SynapseRouter.create(config, PoolRegistry.fromConfig(config), identity);
        assertThat(route(router, "client", "GET", "/_matrix/client/v3/sync").pool().name()).isEqualTo("sync");
        assertThat(router.plan().rules("client").get(0).active()).isFalse();
    }

    // ---------------------------------------------------------------- empty pools

    @Test
    void aWorkerPoolFallsBackToTheListenersMainByDefault() {
        SynapseRouter router = router(Map.of("room", 2, "federation_reader", 1));
        assertThat(route(router, "client", "GET", "/_matrix/client/v3/rooms/!a:b.c/messages").fallback().name()).isEqualTo("main");
        assertThat(route(router, "federation", "GET", "/_matrix/federation/v1/state_ids/!a:b.c").fallback().name())
                .isEqualTo("main_federation");
        assertThat(route(router, "federation", "PUT", "/_matrix/federation/v1/send/t1").fallback().name())
                .isEqualTo("main_federation");
    }

    @Test
    void whenEmptyErrorLeavesNoFallbackSoTheEngineAnswers503InMatrixJson() {
        Map<String, PoolOverride> overrides = Map.of("room", new PoolOverride(null, PoolOverride.WhenEmpty.ERROR));
        RouterConfig config = TestDeployments.config(TestDeployments.workers(Map.of("room", 2)), overrides, List.of());
        SynapseRouter router = SynapseRouter.create(config, PoolRegistry.fromConfig(config), identity);
        Route route = route(router, "client", "GET", "/_matrix/client/v3/rooms/!a:b.c/messages");
        assertThat(route.pool().name()).isEqualTo("room");
        assertThat(route.fallback()).isNull();
        assertThat(MatrixErrorBody.INSTANCE.render(ProxyError.NO_UPSTREAM, null))
                .isEqualTo("{\"errcode\":\"M_UNKNOWN\",\"error\":\"No homeserver process is available to serve this request\"}");
    }

    @Test
    void mediaAndSsoNeverFallBack() {
        SynapseRouter router = router(Map.of("media_repository", 1, "client_reader", 1));
        assertThat(route(router, "client", "GET", "/_matrix/media/v3/download/a/b").fallback()).isNull();
        assertThat(route(router, "federation", "GET", "/_matrix/federation/v1/media/download/b").fallback()).isNull();
        Route sso = route(router, "client", "GET", "/_matrix/client/v3/login/sso/redirect?redirectUrl=x");
        assertThat(sso.name()).isEqualTo("main.sso");
        assertThat(sso.fallback()).isNull();
    }

    @Test
    void whenEmptyMainGivesMediaAFallbackAfterAll() {
        Map<String, PoolOverride> overrides = Map.of("media_repository", new PoolOverride(null, PoolOverride.WhenEmpty.MAIN));
        RouterConfig config = TestDeployments.config(TestDeployments.workers(Map.of("media_repository", 1)), overrides, List.of());
        SynapseRouter router = SynapseRouter.create(config, PoolRegistry.fromConfig(config), identity);
        assertThat(route(router, "client", "GET", "/_matrix/media/v3/download/a/b").fallback().name()).isEqualTo("main");
    }

    // ---------------------------------------------------------------- keys

    @Test
    void roomRoutesAreKeyedByTheNormalisedRoomId() {
        SynapseRouter router = router(Map.of("room", 3));
        for (String path : List.of("/_matrix/client/v3/rooms/!abc:example.org/messages",
                "/_matrix/client/r0/rooms/%21abc%3Aexample.org/send/m.room.message/1",
                "/_matrix/client/v3/rooms/%21abc%3aexample.org/state")) {
            assertThat(route(router, "client", "GET", path).key()).as(path).isEqualTo("!abc:example.org");
        }
        assertThat(route(router, "federation", "GET", "/_matrix/federation/v1/state_ids/%21abc%3Aexample.org").key())
                .isEqualTo("!abc:example.org");
    }

    @Test
    void inboundTransactionsAreKeyedByOriginElseByClientAddress() {
        SynapseRouter router = router(Map.of("federation_reader", 2));
        DefaultHttpRequest signed = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, "/_matrix/federation/v1/send/t1");
        signed.headers().set("Authorization", "X-Matrix origin=\"remote.example\",key=\"ed25519:a\",sig=\"s\"");
        assertThat(router.route(new RequestHead("federation", signed, "198.51.100.1")).toCompletableFuture().join().key())
                .isEqualTo("remote.example");
        assertThat(route(router, "federation", "PUT", "/_matrix/federation/v1/send/t1").key()).isEqualTo("203.0.113.7");
        assertThat(route(router, "federation", "GET", "/_matrix/federation/v1/event/$e").key())
                .as("other federation reads stick on the client address").isEqualTo("203.0.113.7");
    }

    @Test
    void syncRoutesAreKeyedByTheResolvedUserNeverTheToken() {
        SynapseRouter router = router(Map.of("sync", 2));
        DefaultHttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/_matrix/client/v3/sync?since=s");
        request.headers().set("Authorization", "Bearer syt_YWxpY2U_secretsecretsecret_123456");
        Route route = router.route(new RequestHead("client", request, "203.0.113.7")).toCompletableFuture().join();
        assertThat(route.key()).isEqualTo(TokenHashingResolver.digest("syt_YWxpY2U_secretsecretsecret_123456"));
        assertThat(route.key()).doesNotContain("secret");
    }

    @Test
    void theIdentityResolverIsOnlyAskedForUserKeyedRoutes() {
        SynapseRouter router = router(Map.of("sync", 2, "room", 2, "client_reader", 1));
        route(router, "client", "GET", "/_matrix/client/v3/rooms/!a:b.c/messages");
        route(router, "client", "GET", "/_matrix/client/versions");
        route(router, "client", "GET", "/_matrix/client/v3/thirdparty/protocols");
        assertThat(identity.calls).hasValue(0);
        route(router, "client", "GET", "/_matrix/client/v3/sync");
        assertThat(identity.calls).hasValue(1);
    }

    // ---------------------------------------------------------------- stages and threads

    @Test
    void keylessDecisionsAreOneSharedCompletedStage() {
        SynapseRouter router = router(Map.of("client_reader", 1));
        CompletionStage<Route> first = router.route(head("client", "GET", "/_matrix/client/versions"));
        CompletionStage<Route> second = router.route(head("client", "GET", "/_matrix/client/versions"));
        assertThat(first.toCompletableFuture()).isDone();
        assertThat(second).isSameAs(first);
        assertThat(router.route(head("client", "GET", "/nothing/here"))).isSameAs(router.route(head("client", "GET", "/other")));
    }

    @Test
    void aUserKeyAlreadyKnownIsComposedWithoutLeavingTheCallingThread() {
        IdentityResolver cached = head -> CompletableFuture.completedFuture("@alice:example.org");
        SynapseRouter router = routerWith(Map.of("sync", 2), cached);
        CompletableFuture<Route> stage = router.route(head("client", "GET", "/_matrix/client/v3/sync?since=s")).toCompletableFuture();
        assertThat(stage).isDone();
        assertThat(stage.join().key()).isEqualTo("@alice:example.org");
    }

    @Test
    void aUserKeyAnsweredAsAMinimalCompletedStageIsComposedAtOnceToo() {
        IdentityResolver cached = head -> CompletableFuture.completedStage("@carol:example.org");
        SynapseRouter router = routerWith(Map.of("sync", 2), cached);
        CompletableFuture<Route> stage = router.route(head("client", "GET", "/_matrix/client/v3/sync?since=s")).toCompletableFuture();
        assertThat(stage).isDone();
        assertThat(stage.join().key()).isEqualTo("@carol:example.org");
    }

    @Test
    void aUserKeyLookedUpLaterCompletesTheRouteOnTheLookupsThread() throws Exception {
        CompletableFuture<String> lookup = new CompletableFuture<>();
        SynapseRouter router = routerWith(Map.of("sync", 2), head -> lookup);
        AtomicReference<String> completedOn = new AtomicReference<>();
        CompletableFuture<Route> stage = router.route(head("client", "GET", "/_matrix/client/v3/sync?since=s")).toCompletableFuture();
        CompletableFuture<Route> observed = stage.whenComplete((r, e) -> completedOn.set(Thread.currentThread().getName()));
        assertThat(stage).isNotDone();

        Thread resolver = new Thread(() -> lookup.complete("@bob:example.org"), "whoami-completer");
        resolver.start();
        resolver.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(observed.get(10, TimeUnit.SECONDS).key()).isEqualTo("@bob:example.org");
        assertThat(completedOn.get()).isEqualTo("whoami-completer");
    }

    @Test
    void aFailedLookupStillRoutesWithoutAKey() {
        SynapseRouter router = routerWith(Map.of("sync", 2), head -> CompletableFuture.failedFuture(new IllegalStateException("x")));
        Route route = router.route(head("client", "GET", "/_matrix/client/v3/sync?since=s")).toCompletableFuture().join();
        assertThat(route.pool().name()).isEqualTo("sync");
        assertThat(route.key()).isNull();
    }

    // ---------------------------------------------------------------- names

    @Test
    void routeNamesAreABoundedSetOfFamilyNames() {
        Set<String> names = new HashSet<>();
        for (String scenario : List.of("full", "sparse", "generic", "none")) {
            SynapseRouter router = SynapseRouterTableTest.router(scenario);
            for (String listener : List.of(RuleSpec.CLIENT, RuleSpec.FEDERATION)) {
                router.plan().rules(listener).stream().map(PlannedRule::name).forEach(names::add);
            }
        }
        assertThat(names).hasSizeLessThan(40);
        assertThat(names).allMatch(n -> n.matches("[a-z_.]+"), "lower-case family names");
        assertThat(names).contains("sync", "room", "stream_writer.typing", "client_reader", "main.sso", "media",
                "federation_reader.catchall");
    }

    // ---------------------------------------------------------------- helpers

    private SynapseRouter router(Map<String, Integer> counts) {
        return routerWith(counts, identity);
    }

    private static SynapseRouter routerWith(Map<String, Integer> counts, IdentityResolver resolver) {
        RouterConfig config = TestDeployments.config(TestDeployments.workers(new LinkedHashMap<>(counts)));
        return SynapseRouter.create(config, PoolRegistry.fromConfig(config), resolver);
    }

    private static Route route(SynapseRouter router, String listener, String method, String target) {
        CompletableFuture<Route> stage = router.route(head(listener, method, target)).toCompletableFuture();
        assertThat(stage).isDone();
        return stage.join();
    }
}
