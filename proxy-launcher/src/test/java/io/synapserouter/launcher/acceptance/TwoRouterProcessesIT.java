package io.synapserouter.launcher.acceptance;

import static io.synapserouter.launcher.acceptance.RouterUnderTest.SYNC;
import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.standin.StandinProcess;
import io.synapserouter.standin.SynapseStandin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 4: the hash ring is deterministic, so routers scaled out side by side agree on every user. */
class TwoRouterProcessesIT {

    @TempDir
    Path dir;

    @Test
    void twoRouterProcessesAgreeOnTheSyncWorker() throws Exception {
        try (SynapseStandin synapse = new SynapseStandin()) {
            StandinProcess main = synapse.main();
            List<StandinProcess> sync = synapse.workers("sync", 4);
            int users = 10_000;
            Tokens tokens = new Tokens(7);
            String[] token = new String[users];
            for (int u = 0; u < users; u++) {
                token[u] = u % 2 == 0 ? tokens.mas() : tokens.syt("agree" + u);
                synapse.tokens().put(token[u], "@agree" + u + ":example.org");
            }
            // one file for both; each process gets its own port through the environment. The long whoami
            // timeout keeps a lookup slowed by a busy machine from routing by a fallback key in one process only.
            Path config = dir.resolve("router.yaml");
            Files.writeString(config, """
                    listeners: { client: "127.0.0.1:${CLIENT_PORT}", admin: null }
                    synapse: { client: "%s" }
                    workers:
                      sync: %s
                    access_log: { enabled: false }
                    whoami: { timeout: 10s }
                    """.formatted(main.hostPort(), RouterUnderTest.list(sync)));
            int portA = RouterProcess.freePort();
            int portB = RouterProcess.freePort();
            try (RouterProcess a = RouterProcess.start(Map.of("CLIENT_PORT", Integer.toString(portA)), "run", "--config", config.toString());
                 RouterProcess b = RouterProcess.start(Map.of("CLIENT_PORT", Integer.toString(portB)), "run", "--config", config.toString())) {
                a.awaitStarted(Duration.ofSeconds(60));
                b.awaitStarted(Duration.ofSeconds(60));
                Http http = new Http();
                long start = System.nanoTime();
                List<String[]> pairs = Http.parallel(16, users, Duration.ofSeconds(100), u -> {
                    Http.Answer fromA = http.get("http://127.0.0.1:" + portA + SYNC, token[u]);
                    Http.Answer fromB = http.get("http://127.0.0.1:" + portB + SYNC, token[u]);
                    assertThat(fromA.status()).isEqualTo(200);
                    assertThat(fromB.status()).isEqualTo(200);
                    return new String[] {fromA.servedBy(), fromB.servedBy()};
                });
                long millis = (System.nanoTime() - start) / 1_000_000;
                long disagree = pairs.stream().filter(p -> !p[0].equals(p[1])).count();
                Map<String, Long> shares = new TreeMap<>(pairs.stream().collect(Collectors.groupingBy(p -> p[0], Collectors.counting())));
                System.out.printf("twoRouterProcessesAgreeOnTheSyncWorker: %d users (half MAS, half syt_) through 2 router processes in %d ms;"
                        + " users on different workers: %d; per worker %s; whoami calls %d%n",
                        users, millis, disagree, shares, synapse.tokens().calls());
                assertThat(shares).hasSize(4);
                assertThat(disagree).isZero();
                assertThat(synapse.tokens().calls()).as("each process looked each user up once").isEqualTo(2L * users);
                a.terminate();
                b.terminate();
                assertThat(a.exitCode(Duration.ofSeconds(45))).isZero();
                assertThat(b.exitCode(Duration.ofSeconds(45))).isZero();
            }
        }
    }
}
