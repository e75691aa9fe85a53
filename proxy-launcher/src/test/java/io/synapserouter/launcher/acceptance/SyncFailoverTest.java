package io.synapserouter.launcher.acceptance;

import static io.synapserouter.launcher.acceptance.RouterUnderTest.SYNC;
import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.core.upstream.Endpoint;
import io.synapserouter.standin.StandinProcess;
import io.synapserouter.standin.SynapseStandin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 4: when a sync worker dies only its users move (clockwise on the ring), every request is
 * still answered, and once health checks see it again its users come back.
 */
class SyncFailoverTest {

    @Test
    void removingAWorkerMovesOnlyItsUsersAndRecoveryBringsThemBack() throws Exception {
        try (SynapseStandin synapse = new SynapseStandin()) {
            StandinProcess main = synapse.main();
            StandinProcess sync1 = synapse.start("sync-1", 0, false);
            StandinProcess sync2 = synapse.start("sync-2", 0, false);
            StandinProcess sync3 = synapse.start("sync-3", 0, false);
            StandinProcess sync4 = synapse.start("sync-4", 0, false);
            int port2 = sync2.address().getPort();
            String hostPort2 = sync2.hostPort();
            int users = 1_000;
            Tokens tokens = new Tokens(5);
            String[] token = new String[users];
            for (int u = 0; u < users; u++) {
                token[u] = tokens.mas();
                synapse.tokens().put(token[u], "@failover" + u + ":example.org");
            }
            // The timeout is wider than the 200ms so that a busy 2-core machine cannot eject a
            // healthy worker with fall: 1 (which would move that worker's users and fail the test for the wrong reason).
            String yaml = RouterUnderTest.yaml(main, List.of(sync1, sync2, sync3, sync4),
                    "access_log: { enabled: false }\n"
                            + "whoami: { timeout: 10s }\n"
                            + "health_checks: { interval: 200ms, rise: 1, fall: 1, timeout: 1s }\n");
            try (RouterUnderTest router = RouterUnderTest.start(yaml)) {
                Http http = new Http();
                Endpoint endpoint2 = router.endpoint("sync", hostPort2);

                List<String> before = assignment(http, router, token);
                Map<String, Long> perWorker = count(before);
                System.out.println("removingAWorker: assignment before " + perWorker);
                assertThat(perWorker.keySet()).containsExactly("sync-1", "sync-2", "sync-3", "sync-4");

                synapse.stop("sync-2"); // like a crash: the port refuses, open connections drop
                long crashed = System.nanoTime();
                // right after the crash: every request is answered (a refused GET is retried on another endpoint)
                List<String> during = assignment(http, router, token);
                long firstPassMillis = (System.nanoTime() - crashed) / 1_000_000;
                assertThat(during).doesNotContain("sync-2");
                assertThat(endpoint2.available()).as("sync-2 ejected (passively or by a health check)").isFalse();

                List<String> after = assignment(http, router, token);
                int moved = 0;
                int movedFromOthers = 0;
                List<String> destinations = new ArrayList<>();
                for (int u = 0; u < users; u++) {
                    if (!before.get(u).equals(after.get(u))) {
                        moved++;
                        if (!before.get(u).equals("sync-2")) {
                            movedFromOthers++;
                        } else {
                            destinations.add(after.get(u));
                        }
                    }
                }
                long onSync2 = perWorker.get("sync-2");
                double retried = router.app().metrics().registry().find("synapse_router.retries").counters().stream()
                        .mapToDouble(c -> c.count()).sum();
                String ejections = router.app().metrics().registry().find("synapse_router.endpoint.ejections").counters().stream()
                        .filter(c -> c.count() > 0).map(c -> c.getId().getTag("cause") + "=" + (long) c.count())
                        .collect(Collectors.joining(", "));
                System.out.printf("removingAWorker: requests retried on another endpoint: %.0f; ejections: %s%n", retried, ejections);
                System.out.printf("removingAWorker: sync-2 crashed; all %d requests answered in %d ms, none by sync-2; moved %d of %d users"
                                + " (%.1f%%), sync-2 had %d (%.1f%%); users of other workers moved: %d; sync-2's users went to %s%n",
                        users, firstPassMillis, moved, users, 100.0 * moved / users, onSync2, 100.0 * onSync2 / users,
                        movedFromOthers, count(destinations));
                assertThat(movedFromOthers).as("users of the surviving workers that moved").isZero();
                assertThat((long) moved).as("every user of sync-2 moved, no one else").isEqualTo(onSync2);

                synapse.start("sync-2", port2, false);
                long restart = System.nanoTime();
                awaitTrue(Duration.ofSeconds(15), endpoint2::available);
                long backMillis = (System.nanoTime() - restart) / 1_000_000;

                List<String> recovered = assignment(http, router, token);
                int differ = 0;
                for (int u = 0; u < users; u++) {
                    if (!before.get(u).equals(recovered.get(u))) {
                        differ++;
                    }
                }
                System.out.printf("removingAWorker: sync-2 restarted on port %d, healthy again after %d ms; users not on their original worker: %d; assignment %s%n",
                        port2, backMillis, differ, count(recovered));
                assertThat(recovered).as("the original assignment, exactly").isEqualTo(before);
            }
        }
    }

    /** Which worker each user's sync reached; every request must be answered 200. */
    private static List<String> assignment(Http http, RouterUnderTest router, String[] token) throws InterruptedException {
        return Http.parallel(16, token.length, Duration.ofSeconds(60), u -> {
            Http.Answer answer = http.get(router.client(SYNC), token[u]);
            assertThat(answer.status()).as("user %d: %s", u, answer.body()).isEqualTo(200);
            return answer.servedBy();
        });
    }

    private static Map<String, Long> count(List<String> servedBy) {
        return new TreeMap<>(servedBy.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting())));
    }

    static void awaitTrue(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("condition met within %s", limit).isNegative();
            Thread.sleep(20);
        }
    }
}
