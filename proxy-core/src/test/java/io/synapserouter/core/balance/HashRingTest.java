package io.synapserouter.core.balance;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.core.upstream.Endpoint;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashRingTest {

    private static final int USERS = 10_000;

    @Test
    void fourEndpointsShareTenThousandUsersWithinFifteenPercentOfAQuarter() {
        assertFairShares(Endpoints.workers("sync", 4));
    }

    @Test
    void threeToEightEndpointsEachGetTheirFairShareWithinFifteenPercent() {
        for (int n = 3; n <= 8; n++) {
            assertFairShares(Endpoints.workers("sync", n));
        }
    }

    @Test
    void endpointsOnLoopbackEphemeralPortsAlsoGetFairShares() {
        // what a test deployment looks like: one host, ports picked by the kernel
        int[] ports = {40313, 40314, 51022, 33671, 60021, 45999, 38002, 41110};
        for (int n = 3; n <= 8; n++) {
            List<Endpoint> endpoints = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                endpoints.add(new Endpoint("sync", "127.0.0.1", ports[i]));
            }
            assertFairShares(endpoints);
        }
    }

    @Test
    void removingOneOfNEndpointsMovesOnlyItsOwnKeysAndRecoveryBringsThemBack() {
        for (int n = 2; n <= 8; n++) {
            List<Endpoint> endpoints = Endpoints.workers("sync", n);
            HashRing ring = new HashRing(endpoints);
            Endpoint[] before = assignments(ring, USERS);
            Endpoint down = endpoints.get(n / 2);

            down.available(false);
            Endpoint[] during = assignments(ring, USERS);
            int moved = 0;
            Set<Endpoint> heirs = new HashSet<>();
            for (int k = 0; k < USERS; k++) {
                if (before[k] == down) {
                    assertThat(during[k]).isNotEqualTo(down).isNotNull();
                    heirs.add(during[k]);
                    moved++;
                } else {
                    assertThat(during[k]).as("user %d, not on the down endpoint", k).isSameAs(before[k]);
                }
            }
            System.out.printf("ring: %d endpoints, 1 down: moved fraction %.4f (1/N = %.4f), spread over %d heirs%n",
                    n, moved / (double) USERS, 1.0 / n, heirs.size());
            assertThat(moved / (double) USERS).isBetween(0.85 / n, 1.15 / n);
            // the walk follows the down endpoint's many points, so its keys spread instead of
            // doubling the load of a single neighbour
            assertThat(heirs).hasSize(n - 1);

            down.available(true);
            assertThat(assignments(ring, USERS)).containsExactly(before);
        }
    }

    @Test
    void twoDownEndpointsMoveOnlyTheirOwnKeys() {
        List<Endpoint> endpoints = Endpoints.workers("sync", 6);
        HashRing ring = new HashRing(endpoints);
        Endpoint[] before = assignments(ring, USERS);
        endpoints.get(1).available(false);
        endpoints.get(4).available(false);
        Endpoint[] during = assignments(ring, USERS);
        for (int k = 0; k < USERS; k++) {
            if (before[k] == endpoints.get(1) || before[k] == endpoints.get(4)) {
                assertThat(during[k].available()).isTrue();
            } else {
                assertThat(during[k]).isSameAs(before[k]);
            }
        }
    }

    @Test
    void insertionOrderDoesNotChangeAnyAssignment() {
        List<Endpoint> endpoints = Endpoints.workers("sync", 5);
        List<Endpoint> shuffled = new ArrayList<>(endpoints);
        Collections.reverse(shuffled);
        Collections.swap(shuffled, 1, 3);
        HashRing a = new HashRing(endpoints);
        HashRing b = new HashRing(shuffled);
        for (int k = 0; k < USERS; k++) {
            assertThat(b.select(Endpoints.user(k), null)).isSameAs(a.select(Endpoints.user(k), null));
        }
    }

    @Test
    void aRingBuiltInAnotherJvmAssignsEveryKeyIdentically(@TempDir Path dir) throws Exception {
        List<Endpoint> endpoints = Endpoints.workers("sync", 4);
        HashRing ring = new HashRing(endpoints);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:off", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                RingAssignmentsMain.class.getName(), dir.resolve("assignments").toString(), String.valueOf(USERS)));
        List<Endpoint> reversed = new ArrayList<>(endpoints);
        Collections.reverse(reversed);
        reversed.forEach(e -> command.add(e.id()));

        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        assertThat(process.exitValue()).as(output).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("assignments"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(USERS);
        Map<String, Integer> perEndpoint = new HashMap<>();
        for (int k = 0; k < USERS; k++) {
            assertThat(lines.get(k)).as("user %d", k).isEqualTo(ring.select(Endpoints.user(k), null).id());
            perEndpoint.merge(lines.get(k), 1, Integer::sum);
        }
        assertThat(perEndpoint).hasSize(4);
    }

    @Test
    void excludeIsPassedOverWhileAnotherEndpointIsAvailable() {
        List<Endpoint> endpoints = Endpoints.workers("sync", 3);
        HashRing ring = new HashRing(endpoints);
        for (int k = 0; k < 1_000; k++) {
            String key = Endpoints.user(k);
            Endpoint first = ring.select(key, null);
            Endpoint retry = ring.select(key, first);
            assertThat(retry).isNotNull().isNotSameAs(first);
            // the retry goes where the key would go if its first choice were down
            first.available(false);
            assertThat(ring.select(key, null)).isSameAs(retry);
            first.available(true);
        }
    }

    @Test
    void excludeIsReturnedOnlyWhenItIsTheLastAvailableEndpoint() {
        List<Endpoint> endpoints = Endpoints.workers("sync", 3);
        HashRing ring = new HashRing(endpoints);
        Endpoint last = endpoints.get(2);
        endpoints.get(0).available(false);
        endpoints.get(1).available(false);
        assertThat(ring.select("alice", last)).isSameAs(last);
        last.available(false);
        assertThat(ring.select("alice", last)).isNull();
        assertThat(ring.select("alice", null)).isNull();
    }

    @Test
    void anEmptyRingSelectsNothing() {
        HashRing ring = new HashRing(List.of());
        assertThat(ring.size()).isZero();
        assertThat(ring.select("alice", null)).isNull();
        assertThat(ring.owner("alice")).isNull();
    }

    @Test
    void pointsFollowWeightAndAZeroWeightEndpointOwnsNothing() {
        List<Endpoint> endpoints = Endpoints.workers("sync", 3);
        Map<Endpoint, Integer> weights = Map.of(endpoints.get(0), 2, endpoints.get(1), 1, endpoints.get(2), 0);
        HashRing ring = new HashRing(endpoints, 160, weights::get);
        assertThat(ring.size()).isEqualTo(160 * 3);
        Map<Endpoint, Integer> shares = shares(ring, endpoints, USERS);
        System.out.println("ring: weights 2/1/0 → " + shares);
        assertThat(shares.get(endpoints.get(2))).isZero();
        assertThat(shares.get(endpoints.get(0))).isGreaterThan(shares.get(endpoints.get(1)));
    }

    @Test
    void aLookupAllocatesNothingAndTakesWellUnderAMicrosecond() {
        List<Endpoint> endpoints = Endpoints.workers("sync", 8);
        HashRing ring = new HashRing(endpoints);
        endpoints.get(3).available(false);
        String[] keys = new String[4096];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "@" + Endpoints.user(i) + ":example.org";
        }
        long sink = 0;
        for (int i = 0; i < 300_000; i++) {
            sink += ring.select(keys[i & 4095], null).port();
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        int lookups = 1_000_000;
        long allocatedBefore = threads.getThreadAllocatedBytes(thread);
        long cpuBefore = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < lookups; i++) {
            sink += ring.select(keys[i & 4095], null).port();
        }
        long elapsed = System.nanoTime() - start;
        long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
        long allocated = threads.getThreadAllocatedBytes(thread) - allocatedBefore;
        System.out.printf("ring: %d points, %.1f ns per lookup (%.1f ns of CPU), %d bytes allocated in %d lookups (sink %d)%n",
                ring.size(), elapsed / (double) lookups, cpu / (double) lookups, allocated, lookups, sink);
        assertThat(allocated).as("bytes allocated by %d lookups", lookups).isLessThan(64 * 1024);
        // CPU time, not wall time, so a busy machine that deschedules the test does not count;
        // generous even so: the target is ~100 ns
        assertThat(cpu / (double) lookups).isLessThan(1_000);
    }

    private static void assertFairShares(List<Endpoint> endpoints) {
        HashRing ring = new HashRing(endpoints);
        Map<Endpoint, Integer> shares = shares(ring, endpoints, USERS);
        double fair = USERS / (double) endpoints.size();
        StringBuilder line = new StringBuilder("ring: " + endpoints.size() + " endpoints, shares of " + USERS + " users:");
        double worst = 0;
        for (Endpoint e : endpoints) {
            double deviation = shares.get(e) / fair - 1;
            worst = Math.max(worst, Math.abs(deviation));
            line.append(String.format(" %s=%d (%+.1f%%)", e.id(), shares.get(e), deviation * 100));
        }
        System.out.println(line.append(String.format("; worst %.1f%%", worst * 100)));
        for (Endpoint e : endpoints) {
            assertThat(shares.get(e) / fair).as("share of %s", e.id()).isBetween(0.85, 1.15);
        }
    }

    private static Map<Endpoint, Integer> shares(HashRing ring, List<Endpoint> endpoints, int users) {
        Map<Endpoint, Integer> shares = new HashMap<>();
        endpoints.forEach(e -> shares.put(e, 0));
        for (int k = 0; k < users; k++) {
            shares.merge(ring.select(Endpoints.user(k), null), 1, Integer::sum);
        }
        return shares;
    }

    private static Endpoint[] assignments(HashRing ring, int users) {
        Endpoint[] owners = new Endpoint[users];
        for (int k = 0; k < users; k++) {
            owners[k] = ring.select(Endpoints.user(k), null);
        }
        return owners;
    }
}
