package io.synapserouter.routing.identity;

import static io.synapserouter.routing.identity.WhoamiFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.core.route.RequestHead;
import io.synapserouter.routing.config.WhoamiSettings;
import io.synapserouter.routing.identity.internal.TokenDigest;
import io.synapserouter.standin.StandinProcess;
import io.synapserouter.standin.TokenDirectory;
import io.synapserouter.standin.WhoamiRequest;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WhoamiResolverTest {

    private final WhoamiFixture fixture = new WhoamiFixture();
    private final Random random = new Random(42);

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void thousandConcurrentFirstRequestsWithOneNewTokenCauseExactlyOneWhoamiCall() throws Exception {
        String token = TestTokens.mas(random);
        fixture.tokens().put(token, "@alice:example.org");
        fixture.tokens().delayMillis(200); // keeps the lookup in flight while the requests pile up
        WhoamiResolver resolver = fixture.resolver(fixture.defaults());
        RequestHead head = Requests.withBearer(token);

        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<CompletionStage<String>> stages = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<CompletionStage<String>>> submitted = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                submitted.add(threads.submit(() -> {
                    go.await();
                    return resolver.userKey(head);
                }));
            }
            go.countDown();
            for (Future<CompletionStage<String>> f : submitted) {
                stages.add(f.get(15, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
        Set<String> keys = new HashSet<>();
        for (CompletionStage<String> stage : stages) {
            keys.add(await(stage));
        }

        assertThat(keys).containsExactly("alice");
        assertThat(fixture.tokens().callsFor(token)).isEqualTo(1);
        assertThat(fixture.tokens().calls()).isEqualTo(1);
        assertThat(fixture.metrics.count(IdentityOutcome.MISS)).isEqualTo(1);
        assertThat(fixture.metrics.count(IdentityOutcome.COALESCED) + fixture.metrics.count(IdentityOutcome.HIT)).isEqualTo(999);
        System.out.printf("1000 concurrent first requests: %d whoami call(s), %d coalesced, %d hits%n",
                fixture.tokens().calls(), fixture.metrics.count(IdentityOutcome.COALESCED), fixture.metrics.count(IdentityOutcome.HIT));
    }

    @Test
    void tenThousandRequestsWithHundredInvalidTokensCauseAtMostHundredCallsWithinTheNegativeTtl() throws Exception {
        List<RequestHead> heads = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            heads.add(Requests.withBearer(TestTokens.mas(random)));
        }
        WhoamiResolver resolver = fixture.resolver(fixture.defaults());

        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<CompletionStage<String>> stages = new ArrayList<>();
        try {
            List<Future<List<CompletionStage<String>>>> parts = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                parts.add(threads.submit(() -> {
                    List<CompletionStage<String>> mine = new ArrayList<>();
                    for (int i = 0; i < 2_500; i++) {
                        mine.add(resolver.userKey(heads.get((i + offset * 25) % heads.size())));
                    }
                    return mine;
                }));
            }
            for (Future<List<CompletionStage<String>>> part : parts) {
                stages.addAll(part.get(30, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
        for (CompletionStage<String> stage : stages) {
            assertThat(await(stage)).as("a token whoami rejects routes like no token").isNull();
        }

        assertThat(stages).hasSize(10_000);
        assertThat(fixture.tokens().calls()).isLessThanOrEqualTo(100).isEqualTo(100);
        assertThat(fixture.metrics.count(IdentityOutcome.UNAUTHORIZED)).isEqualTo(100);
        assertThat(resolver.breakerClosed()).as("401 is an answer, not a failure").isTrue();
        System.out.printf("10000 requests, 100 invalid tokens: %d whoami calls%n", fixture.tokens().calls());
    }

    @Test
    void rejectedTokenIsAskedAboutAgainOnceTheNegativeTtlHasPassed() throws Exception {
        String token = TestTokens.mas(random);
        WhoamiResolver resolver = fixture.resolver(new WhoamiSettings(fixture.whoamiUrl(), Duration.ofSeconds(2),
                Duration.ofHours(1), Duration.ofMillis(300), 1000, 5, Duration.ofSeconds(10)));
        RequestHead head = Requests.withBearer(token);
        long start = System.nanoTime();

        assertThat(await(resolver.userKey(head))).isNull();
        assertThat(await(resolver.userKey(head))).isNull();
        assertThat(fixture.tokens().callsFor(token)).isEqualTo(1);

        fixture.tokens().put(token, "@late:example.org"); // e.g. the login finished meanwhile
        String key = null;
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10) && !"late".equals(key)) {
            Thread.sleep(50);
            key = await(resolver.userKey(head));
        }

        assertThat(key).isEqualTo("late");
        assertThat(fixture.tokens().callsFor(token)).isEqualTo(2);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
    }

    @Test
    void everyDeviceOfAUserResolvesToTheUserWhateverTheTokenForm() throws Exception {
        WhoamiResolver resolver = fixture.resolver(fixture.defaults());
        List<RequestHead> heads = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int user = 0; user < 200; user++) {
            for (int device = 0; device < 3; device++) {
                String token = TestTokens.mas(random);
                fixture.tokens().put(token, "@user" + user + ":example.org");
                boolean query = user % 3 == 0 && device > 0;
                heads.add(query
                        ? Requests.withQueryToken(device == 2 ? "%" + Integer.toHexString(token.charAt(0)) + token.substring(1) : token)
                        : Requests.withBearer(token));
                expected.add("user" + user);
            }
        }

        List<CompletionStage<String>> first = new ArrayList<>();
        for (RequestHead head : heads) {
            first.add(resolver.userKey(head));
        }
        for (int i = 0; i < heads.size(); i++) {
            assertThat(await(first.get(i))).as("request %d", i).isEqualTo(expected.get(i));
        }
        assertThat(fixture.tokens().calls()).isEqualTo(600);

        for (int i = 0; i < heads.size(); i++) {
            assertThat(await(resolver.userKey(heads.get(i)))).isEqualTo(expected.get(i));
        }
        assertThat(fixture.tokens().calls()).as("second round answered from the cache").isEqualTo(600);
        assertThat(fixture.metrics.count(IdentityOutcome.HIT)).isEqualTo(600);
    }

    @Test
    void cacheHitHandsOutTheSameCompletedStage() throws Exception {
        String token = TestTokens.mas(random);
        fixture.tokens().put(token, "@alice:example.org");
        WhoamiResolver resolver = fixture.resolver(fixture.defaults());
        await(resolver.userKey(Requests.withBearer(token)));

        CompletionStage<String> one = resolver.userKey(Requests.withBearer(token));
        CompletionStage<String> two = resolver.userKey(Requests.withBearer(token));

        // (AssertJ would wrap a stage in a copy, so compare the references themselves)
        assertThat(one == two).as("the same stage object for every hit").isTrue();
        assertThat(one.toCompletableFuture().isDone()).isTrue();
        assertThat(one.toCompletableFuture().getNow("not yet")).isEqualTo("alice");
        one.toCompletableFuture().complete("mallory"); // a caller cannot change what the cache hands out
        assertThat(await(resolver.userKey(Requests.withBearer(token)))).isEqualTo("alice");
    }

    @Test
    void positiveTtlExpiryTriggersANewLookup() throws Exception {
        String token = TestTokens.mas(random);
        fixture.tokens().put(token, "@alice:example.org");
        WhoamiResolver resolver = fixture.resolver(new WhoamiSettings(fixture.whoamiUrl(), Duration.ofSeconds(2),
                Duration.ofMillis(300), Duration.ofMinutes(1), 1000, 5, Duration.ofSeconds(10)));
        RequestHead head = Requests.withBearer(token);
        long start = System.nanoTime();
        assertThat(await(resolver.userKey(head))).isEqualTo("alice");
        assertThat(await(resolver.userKey(head))).isEqualTo("alice");
        assertThat(fixture.tokens().callsFor(token)).isEqualTo(1);

        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10) && fixture.tokens().callsFor(token) < 2) {
            Thread.sleep(50);
            assertThat(await(resolver.userKey(head))).isEqualTo("alice");
        }

        assertThat(fixture.tokens().callsFor(token)).isEqualTo(2);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
    }

    @Test
    void lookupCarriesTheClientAddressAndUserAgent() throws Exception {
        String token = TestTokens.mas(random);
        fixture.tokens().put(token, "@alice:example.org");
        WhoamiResolver resolver = fixture.resolver(fixture.defaults());

        await(resolver.userKey(Requests.head(Requests.SYNC, "203.0.113.7", "Element/1.11.0 (Linux)",
                "Authorization", "Bearer " + token)));

        WhoamiRequest call = fixture.tokens().lastRequest();
        assertThat(call.xForwardedFor()).isEqualTo("203.0.113.7");
        assertThat(call.userAgent()).isEqualTo("Element/1.11.0 (Linux)");
        assertThat(call.host()).isEqualTo(fixture.synapse.main().hostPort());
        assertThat(call.uri()).isEqualTo("/_matrix/client/v3/account/whoami");
    }

    @Test
    void queryTokenIsLookedUpInTheHeaderNotInTheUrl() throws Exception {
        String token = TestTokens.mas(random);
        fixture.tokens().put(token, "@alice:example.org");
        WhoamiResolver resolver = fixture.resolver(fixture.defaults());

        assertThat(await(resolver.userKey(Requests.withQueryToken(token)))).isEqualTo("alice");

        assertThat(fixture.tokens().callsFor(token)).isEqualTo(1);
        assertThat(fixture.tokens().lastRequest().uri()).doesNotContain(token);
    }

    @Test
    void appserviceParametersAreForwardedAndDecideTheUser() throws Exception {
        String asToken = "as_token_" + TestTokens.mas(random);
        fixture.tokens().put(asToken, "@bridgebot:example.org");
        WhoamiResolver resolver = fixture.resolver(fixture.defaults());

        String masqueraded = await(resolver.userKey(Requests.head(
                "/_matrix/client/v3/sync?user_id=%40whatsapp_4915%3Aexample.org&org.matrix.msc3202.device_id=DEV1",
                "198.51.100.4", "mautrix-whatsapp", "Authorization", "Bearer " + asToken)));
        WhoamiRequest call = fixture.tokens().lastRequest();
        String sender = await(resolver.userKey(Requests.withBearer(asToken)));

        assertThat(masqueraded).isEqualTo("whatsapp_4915");
        assertThat(call.uri()).isEqualTo(
                "/_matrix/client/v3/account/whoami?user_id=%40whatsapp_4915%3Aexample.org&org.matrix.msc3202.device_id=DEV1");
        assertThat(sender).as("without user_id the token stands for the appservice sender").isEqualTo("bridgebot");
        assertThat(fixture.tokens().callsFor(asToken)).isEqualTo(2);
    }

    @Test
    void requestWithoutTokenHasNoKeyAndCausesNoLookup() throws Exception {
        WhoamiResolver resolver = fixture.resolver(fixture.defaults());

        assertThat(await(resolver.userKey(Requests.head(Requests.SYNC, "192.0.2.1", null)))).isNull();
        assertThat(await(resolver.userKey(Requests.head(Requests.SYNC, "192.0.2.1", null, "Authorization", "bearer x")))).isNull();

        assertThat(fixture.tokens().calls()).isZero();
        assertThat(fixture.metrics.count(IdentityOutcome.NO_TOKEN)).isEqualTo(2);
    }

    @Test
    void failedLookupFallsBackToTheLocalpartInsideASynapseToken() throws Exception {
        String syt = TestTokens.syt("carol", random);
        String mas = TestTokens.mas(random);
        fixture.tokens().put(syt, "@carol:example.org").put(mas, "@dave:example.org");
        WhoamiResolver resolver = fixture.resolver(fixture.defaults());

        String healthy = await(resolver.userKey(Requests.withBearer(syt)));
        fixture.tokens().mode(TokenDirectory.Mode.FAIL_500);
        String sytFallback = await(resolver.userKey(Requests.withBearer(TestTokens.syt("erin", random))));
        String masFallback = await(resolver.userKey(Requests.withBearer(mas)));

        assertThat(healthy).as("whoami's answer and the token agree").isEqualTo("carol");
        assertThat(sytFallback).isEqualTo("erin");
        assertThat(masFallback).isEqualTo(TokenDigest.of(mas, null, null).hex()).doesNotContain(mas);
        assertThat(fixture.metrics.count(IdentityOutcome.ERROR)).isEqualTo(2);
    }

    @Test
    void failedAppserviceLookupFallsBackToTheMasqueradedUser() throws Exception {
        fixture.tokens().mode(TokenDirectory.Mode.FAIL_500);
        WhoamiResolver resolver = fixture.resolver(fixture.defaults());

        String key = await(resolver.userKey(Requests.head("/_matrix/client/v3/sync?user_id=%40telegram_77%3Aexample.org",
                "198.51.100.4", "mautrix-telegram", "Authorization", "Bearer as_token_telegram")));

        assertThat(key).as("the same key whoami would have given").isEqualTo("telegram_77");
    }

    @Test
    void rateLimitedGarbledAndRefusedLookupsAllFallBack() throws Exception {
        WhoamiResolver resolver = fixture.resolver(fixture.settings(Duration.ofSeconds(2), 100, Duration.ofSeconds(10)));

        fixture.tokens().mode(TokenDirectory.Mode.RATE_LIMITED);
        assertThat(await(resolver.userKey(Requests.withBearer(TestTokens.syt("frank", random))))).isEqualTo("frank");
        fixture.tokens().mode(TokenDirectory.Mode.GARBAGE);
        assertThat(await(resolver.userKey(Requests.withBearer(TestTokens.syt("grace", random))))).isEqualTo("grace");

        StandinProcess gone = fixture.synapse.start("gone", 0, true);
        InetSocketAddress closedPort = gone.address();
        fixture.synapse.stop("gone");
        WhoamiResolver refused = WhoamiResolver.builder(fixture.defaults(), fixture.fetcher, () -> closedPort)
                .metrics(fixture.metrics).build();
        assertThat(await(refused.userKey(Requests.withBearer(TestTokens.syt("heidi", random))))).isEqualTo("heidi");

        assertThat(fixture.metrics.count(IdentityOutcome.ERROR)).isEqualTo(3);
    }

    @Test
    void failedLookupIsRememberedBrieflySoARetryingClientCausesNoStorm() throws Exception {
        String token = TestTokens.mas(random);
        fixture.tokens().mode(TokenDirectory.Mode.FAIL_500);
        WhoamiResolver brief = fixture.builder(fixture.settings(Duration.ofSeconds(2), 100, Duration.ofSeconds(10)))
                .failureTtl(Duration.ofSeconds(30)).build();
        WhoamiResolver none = fixture.builder(fixture.settings(Duration.ofSeconds(2), 100, Duration.ofSeconds(10)))
                .failureTtl(Duration.ZERO).build();

        for (int i = 0; i < 20; i++) {
            await(brief.userKey(Requests.withBearer(token)));
        }
        long briefCalls = fixture.tokens().callsFor(token);
        for (int i = 0; i < 5; i++) {
            await(none.userKey(Requests.withBearer(token)));
        }

        assertThat(briefCalls).isEqualTo(1);
        assertThat(fixture.tokens().callsFor(token) - briefCalls).isEqualTo(5);
    }

    @Test
    void unresolvedAddressFailsTheLookupInsteadOfResolvingOnAnEventLoop() throws Exception {
        WhoamiResolver resolver = WhoamiResolver.builder(fixture.defaults(), fixture.fetcher,
                () -> InetSocketAddress.createUnresolved("synapse.invalid", 8008)).metrics(fixture.metrics).build();

        assertThat(await(resolver.userKey(Requests.withBearer(TestTokens.syt("ivan", random))))).isEqualTo("ivan");
        assertThat(fixture.metrics.count(IdentityOutcome.ERROR)).isEqualTo(1);
    }
}
