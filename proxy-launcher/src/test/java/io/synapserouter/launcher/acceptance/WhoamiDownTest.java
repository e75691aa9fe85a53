package io.synapserouter.launcher.acceptance;

import static io.synapserouter.launcher.acceptance.RouterUnderTest.SYNC;
import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.standin.StandinProcess;
import io.synapserouter.standin.SynapseStandin;
import io.synapserouter.standin.TokenDirectory;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 4: whoami down or slow never stops sync. Lookups wait at most the timeout; after
 * {@code breaker.failures} failures the breaker opens and requests stop waiting.
 */
class WhoamiDownTest {

    private static final long TIMEOUT_MILLIS = 300;
    private static final int BREAKER_FAILURES = 5;
    /** Slack over the lookup timeout for a busy 2-core machine; a lookup that waited 2 s (the default) would still fail. */
    private static final long SLACK_MILLIS = 1_200;

    @ParameterizedTest(name = "whoami {0}")
    @ValueSource(strings = {"HANG", "SLOW", "FAIL_500"})
    void syncIsAnsweredWhileWhoamiIsDownOrSlow(String how) throws Exception {
        try (SynapseStandin synapse = new SynapseStandin()) {
            StandinProcess main = synapse.main();
            List<StandinProcess> sync = synapse.workers("sync", 4);
            Tokens tokens = new Tokens(6);
            String yaml = RouterUnderTest.yaml(main, sync, "access_log: { enabled: false }\n"
                    + "whoami: { timeout: " + TIMEOUT_MILLIS + "ms, breaker: { failures: " + BREAKER_FAILURES + ", open_for: 30s } }\n");
            try (RouterUnderTest router = RouterUnderTest.start(yaml)) {
                Http http = new Http();
                // baseline: sync without a token needs no lookup
                for (int i = 0; i < 10; i++) {
                    http.get(router.client(SYNC), null); // warm-up: connections, JIT
                }
                long[] baseline = new long[50];
                for (int i = 0; i < baseline.length; i++) {
                    Http.Answer answer = http.get(router.client(SYNC), null);
                    assertThat(answer.status()).isEqualTo(200);
                    baseline[i] = answer.nanos();
                }

                if (how.equals("SLOW")) {
                    synapse.tokens().delayMillis(TIMEOUT_MILLIS * 5);
                } else {
                    synapse.tokens().mode(TokenDirectory.Mode.valueOf(how));
                }
                // one at a time, each with a token never seen: the first ones meet the failing lookup
                long[] first = new long[BREAKER_FAILURES];
                for (int i = 0; i < first.length; i++) {
                    first[i] = newUserSync(http, router, synapse, tokens, i);
                }
                long callsWhenOpen = synapse.tokens().calls();
                long[] later = new long[100];
                for (int i = 0; i < later.length; i++) {
                    later[i] = newUserSync(http, router, synapse, tokens, 1000 + i);
                }
                double opened = router.app().metrics().registry().find("synapse_router.whoami.breaker.openings").counter().count();

                System.out.printf("syncIsAnsweredWhileWhoamiIsDownOrSlow[%s]: timeout %d ms; first %d new tokens took %s ms;"
                                + " breaker openings %.0f; next %d new tokens: p50 %.2f ms, p90 %.2f ms, max %.2f ms;"
                                + " without token (no lookup): p50 %.2f ms, max %.2f ms; added p50 %.2f ms; whoami calls %d then %d%n",
                        how, TIMEOUT_MILLIS, first.length, Arrays.toString(Arrays.stream(first).map(n -> n / 1_000_000).toArray()),
                        opened, later.length, ms(percentile(later, 50)), ms(percentile(later, 90)), ms(percentile(later, 100)),
                        ms(percentile(baseline, 50)), ms(percentile(baseline, 100)),
                        ms(percentile(later, 50) - percentile(baseline, 50)), callsWhenOpen, synapse.tokens().calls());

                for (long nanos : first) {
                    assertThat(nanos / 1_000_000).as("a request waits at most the lookup timeout (+ slack)")
                            .isLessThanOrEqualTo(TIMEOUT_MILLIS + SLACK_MILLIS);
                }
                if (!how.equals("FAIL_500")) {
                    // a hanging or slow whoami is really waited for, up to the timeout
                    assertThat(first[0] / 1_000_000).isGreaterThanOrEqualTo(TIMEOUT_MILLIS - 20);
                }
                assertThat(opened).as("the breaker opened").isEqualTo(1);
                assertThat(callsWhenOpen).isEqualTo(BREAKER_FAILURES);
                assertThat(synapse.tokens().calls()).as("no lookups while the breaker is open").isEqualTo(BREAKER_FAILURES);
                assertThat(ms(percentile(later, 50))).as("p50 once the breaker is open: far under the %d ms timeout", TIMEOUT_MILLIS)
                        .isLessThan(TIMEOUT_MILLIS / 5.0);
            }
        }
    }

    /** A sync with a token whoami would know, if it answered; returns the time taken. */
    private static long newUserSync(Http http, RouterUnderTest router, SynapseStandin synapse, Tokens tokens, int n) {
        String token = tokens.mas();
        synapse.tokens().put(token, "@down" + n + ":example.org");
        Http.Answer answer = http.get(router.client(SYNC), token);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.servedBy()).startsWith("sync-");
        return answer.nanos();
    }

    private static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
