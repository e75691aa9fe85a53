package io.synapserouter.routing.identity;

import static io.synapserouter.routing.identity.WhoamiFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.routing.identity.internal.TokenDigest;
import io.synapserouter.standin.TokenDirectory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** whoami down or slow: requests still get a key, the first ones wait at most the timeout, then nothing. */
class WhoamiBreakerTest {

    private static final Duration TIMEOUT = Duration.ofMillis(200);
    /** For tests that wait for the probe. */
    private static final Duration OPEN_FOR = Duration.ofMillis(1500);
    /** For tests that measure the open breaker: it must not half-open under them, however slow the machine. */
    private static final Duration LONG_OPEN = Duration.ofSeconds(60);

    private final WhoamiFixture fixture = new WhoamiFixture();
    private final Random random = new Random(3);

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void whoamiAnswering500StillGivesEveryRequestAKeyAndOpensTheBreaker() throws Exception {
        fixture.tokens().mode(TokenDirectory.Mode.FAIL_500);
        WhoamiResolver resolver = fixture.resolver(fixture.settings(TIMEOUT, 3, LONG_OPEN));

        for (int i = 0; i < 3; i++) {
            String token = TestTokens.syt("user" + i, random);
            assertThat(await(resolver.userKey(Requests.withBearer(token)))).isEqualTo("user" + i);
        }
        assertThat(fixture.tokens().calls()).isEqualTo(3);
        assertThat(resolver.breakerClosed()).isFalse();
        assertThat(fixture.metrics.opened.sum()).isEqualTo(1);

        long[] added = openBreakerLatencies(resolver, 1_000);

        assertThat(fixture.tokens().calls()).as("no lookups while the breaker is open").isEqualTo(3);
        assertThat(fixture.metrics.count(IdentityOutcome.BREAKER_OPEN)).isEqualTo(1_000);
        print("whoami 500, breaker open", added);
    }

    @Test
    void hangingWhoamiCostsAtMostTheTimeoutThenNothing() throws Exception {
        fixture.tokens().mode(TokenDirectory.Mode.HANG);
        WhoamiResolver resolver = fixture.resolver(fixture.settings(TIMEOUT, 2, LONG_OPEN));

        List<Long> firstWaits = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String token = TestTokens.syt("waiter" + i, random);
            long start = System.nanoTime();
            String key = await(resolver.userKey(Requests.withBearer(token)));
            firstWaits.add(System.nanoTime() - start);
            assertThat(key).isEqualTo("waiter" + i);
        }
        String mas = TestTokens.mas(random);
        long[] added = openBreakerLatencies(resolver, 1_000);
        String masKey = await(resolver.userKey(Requests.withBearer(mas)));

        for (long wait : firstWaits) {
            assertThat(wait).as("waited for the timeout").isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(150))
                    .as("but not much longer").isLessThan(TIMEOUT.toNanos() + TimeUnit.SECONDS.toNanos(2));
        }
        assertThat(masKey).isEqualTo(TokenDigest.of(mas, null, null).hex());
        assertThat(fixture.tokens().calls()).isEqualTo(2);
        assertThat(fixture.metrics.count(IdentityOutcome.TIMEOUT)).isEqualTo(2);
        System.out.printf("whoami hanging, first lookups waited %s ms (timeout %d ms)%n",
                firstWaits.stream().map(n -> String.valueOf(TimeUnit.NANOSECONDS.toMillis(n))).toList(), TIMEOUT.toMillis());
        print("whoami hanging, breaker open", added);
    }

    @Test
    void afterOpenForOneProbeGoesThroughAndItsSuccessClosesTheBreaker() throws Exception {
        fixture.tokens().mode(TokenDirectory.Mode.FAIL_500);
        // a generous timeout: the probe is slowed down on purpose below, and must still succeed
        WhoamiResolver resolver = fixture.resolver(fixture.settings(Duration.ofSeconds(5), 2, OPEN_FOR));
        for (int i = 0; i < 2; i++) {
            await(resolver.userKey(Requests.withBearer(TestTokens.mas(random))));
        }
        assertThat(resolver.breakerClosed()).isFalse();

        fixture.tokens().mode(TokenDirectory.Mode.NORMAL);
        fixture.tokens().delayMillis(1_000); // holds the probe in flight while others arrive
        String probeToken = TestTokens.mas(random);
        fixture.tokens().put(probeToken, "@prober:example.org");
        Thread.sleep(OPEN_FOR.toMillis() + 100);
        long callsBefore = fixture.tokens().calls();

        CompletionStage<String> probe = resolver.userKey(Requests.withBearer(probeToken));
        List<String> others = new ArrayList<>();
        List<CompletionStage<String>> otherStages = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String token = TestTokens.mas(random);
            fixture.tokens().put(token, "@other" + i + ":example.org");
            others.add(token);
            otherStages.add(resolver.userKey(Requests.withBearer(token)));
        }
        boolean probeWasPending = !probe.toCompletableFuture().isDone();

        assertThat(await(probe)).isEqualTo("prober");
        assertThat(probeWasPending).isTrue();
        // the others completed at once (checked below), so none of them can have a lookup still on its way
        assertThat(fixture.tokens().calls() - callsBefore).as("exactly one probe while half-open").isEqualTo(1);
        for (int i = 0; i < otherStages.size(); i++) {
            CompletableFuture<String> stage = otherStages.get(i).toCompletableFuture();
            assertThat(stage.isDone()).as("no waiting while the probe is out").isTrue();
            assertThat(stage.join()).isEqualTo(TokenDigest.of(others.get(i), null, null).hex());
        }
        assertThat(resolver.breakerClosed()).isTrue();
        assertThat(fixture.metrics.closed.sum()).isEqualTo(1);

        fixture.tokens().delayMillis(0);
        String later = TestTokens.mas(random);
        fixture.tokens().put(later, "@later:example.org");
        assertThat(await(resolver.userKey(Requests.withBearer(later)))).isEqualTo("later");
        assertThat(fixture.tokens().callsFor(later)).isEqualTo(1);
    }

    @Test
    void failedProbeKeepsTheBreakerOpen() throws Exception {
        fixture.tokens().mode(TokenDirectory.Mode.FAIL_500);
        WhoamiResolver resolver = fixture.resolver(fixture.settings(TIMEOUT, 2, OPEN_FOR));
        for (int i = 0; i < 2; i++) {
            await(resolver.userKey(Requests.withBearer(TestTokens.mas(random))));
        }
        Thread.sleep(OPEN_FOR.toMillis() + 100);

        await(resolver.userKey(Requests.withBearer(TestTokens.mas(random))));
        long afterProbe = fixture.tokens().calls();
        CompletionStage<String> next = resolver.userKey(Requests.withBearer(TestTokens.mas(random)));

        assertThat(afterProbe).isEqualTo(3);
        assertThat(next.toCompletableFuture().isDone()).isTrue();
        assertThat(fixture.tokens().calls()).isEqualTo(3);
        assertThat(resolver.breakerClosed()).isFalse();
    }

    @Test
    void cachedUsersAreStillAnsweredFromTheCacheWhileWhoamiIsDown() throws Exception {
        String token = TestTokens.mas(random);
        fixture.tokens().put(token, "@alice:example.org");
        WhoamiResolver resolver = fixture.resolver(fixture.settings(TIMEOUT, 2, LONG_OPEN));
        assertThat(await(resolver.userKey(Requests.withBearer(token)))).isEqualTo("alice");

        fixture.tokens().mode(TokenDirectory.Mode.FAIL_500);
        for (int i = 0; i < 2; i++) {
            await(resolver.userKey(Requests.withBearer(TestTokens.mas(random))));
        }

        assertThat(resolver.breakerClosed()).isFalse();
        assertThat(await(resolver.userKey(Requests.withBearer(token)))).isEqualTo("alice");
    }

    /** Per-request time to a completed key for fresh tokens while the breaker is open; each stage must already be complete. */
    private long[] openBreakerLatencies(WhoamiResolver resolver, int n) {
        List<io.synapserouter.core.route.RequestHead> heads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            heads.add(Requests.withBearer(i % 2 == 0 ? TestTokens.mas(random) : TestTokens.syt("open" + i, random)));
        }
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            CompletableFuture<String> stage = resolver.userKey(heads.get(i)).toCompletableFuture();
            nanos[i] = System.nanoTime() - start;
            assertThat(stage.isDone()).as("request %d answered without waiting", i).isTrue();
            assertThat(stage.join()).isNotNull();
        }
        return nanos;
    }

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: added latency over %d requests p50 %.1f us, p99 %.1f us, max %.1f us%n", what, sorted.length,
                sorted[sorted.length / 2] / 1e3, sorted[sorted.length * 99 / 100] / 1e3, sorted[sorted.length - 1] / 1e3);
    }
}
