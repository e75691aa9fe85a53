package io.synapserouter.launcher.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.standin.StandinProcess;
import io.synapserouter.standin.SynapseStandin;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 2: {@code run} drains on SIGTERM and exits 0; a bad or missing config exits 2 with the reason. */
class RunLifecycleIT {

    @TempDir
    Path dir;

    @Test
    void sigtermDrainsAnInFlightRequest() throws Exception {
        try (SynapseStandin synapse = new SynapseStandin()) {
            StandinProcess main = synapse.main();
            int clientPort = RouterProcess.freePort();
            int adminPort = RouterProcess.freePort();
            Path config = dir.resolve("router.yaml");
            Files.writeString(config, """
                    listeners: { client: "127.0.0.1:%d", admin: "127.0.0.1:%d" }
                    synapse: { client: "%s" }
                    shutdown_grace: 10s
                    """.formatted(clientPort, adminPort, main.hostPort()));
            try (RouterProcess router = RouterProcess.start("run", "--config", config.toString())) {
                router.awaitStarted(Duration.ofSeconds(60));
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
                assertThat(get(http, "http://127.0.0.1:" + adminPort + "/ready")).isEqualTo(200);

                // a long-poll the stand-in holds for 3 s (with `since`, so no initial-sync special case)
                long requestAt = System.nanoTime();
                CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + clientPort + "/_matrix/client/v3/sync?since=s1&timeout=3000"))
                                .header("Authorization", "Bearer syt_ZHJhaW4_drainDrainDrainDrainD_0aB1c2")
                                .timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
                long before = main.requests();
                SyncFailoverTest.awaitTrue(Duration.ofSeconds(10), () -> main.requests() > before || inFlight.isDone());
                Thread.sleep(500);
                assertThat(inFlight).as("still held by the stand-in").isNotDone();

                router.terminate();
                long sigterm = System.nanoTime();
                List<String> readySeen = new ArrayList<>();
                boolean ready503 = false;
                while (!ready503 && System.nanoTime() - sigterm < TimeUnit.SECONDS.toNanos(2)) {
                    String seen;
                    try {
                        int status = get(http, "http://127.0.0.1:" + adminPort + "/ready");
                        seen = Integer.toString(status);
                        ready503 = status == 503;
                    } catch (IOException e) {
                        seen = e.getClass().getSimpleName();
                    }
                    if (readySeen.isEmpty() || !readySeen.get(readySeen.size() - 1).equals(seen)) {
                        readySeen.add(seen);
                    }
                    Thread.sleep(10);
                }
                String newConnection = tryConnect(clientPort);

                HttpResponse<String> response = inFlight.get(20, TimeUnit.SECONDS);
                long answeredMillis = (System.nanoTime() - requestAt) / 1_000_000;
                long afterSigtermMillis = (System.nanoTime() - sigterm) / 1_000_000;
                int exit = router.exitCode(Duration.ofSeconds(10 + 15));
                long exitMillis = (System.nanoTime() - sigterm) / 1_000_000;
                System.out.printf("sigtermDrainsAnInFlightRequest: /ready after SIGTERM went %s; a new client connection during the drain: %s;"
                                + " in-flight sync answered %d after %d ms (%d ms after SIGTERM), body %d bytes; exit %d %d ms after SIGTERM%n",
                        readySeen, newConnection, response.statusCode(), answeredMillis, afterSigtermMillis,
                        response.body().length(), exit, exitMillis);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("X-Served-By")).hasValue("main");
                assertThat(response.body()).startsWith("{\"served_by\":\"main\"").endsWith("}")
                        .hasSize(Integer.parseInt(response.headers().firstValue("Content-Length").orElse("-1")));
                assertThat(answeredMillis).as("the long-poll ran its full 3 s").isGreaterThanOrEqualTo(2_900);
                assertThat(ready503).as("/ready answered 503 while draining").isTrue();
                assertThat(newConnection).as("new client connections during the drain").isEqualTo("refused");
                assertThat(exit).isZero();
                assertThat(exitMillis).as("exit within the 10 s shutdown_grace").isLessThan(10_000);
                assertThat(router.stderr()).contains("draining");
            }
        }
    }

    @Test
    void badConfigExitsTwo() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                listeners: { client: "127.0.0.1:8008" }
                synapse: { client: "matrix-synapse:8008" }
                timeouts: { connect: fast }
                """);
        try (RouterProcess router = RouterProcess.start("run", "--config", bad.toString())) {
            int exit = router.exitCode(Duration.ofSeconds(60));
            System.out.printf("badConfigExitsTwo: invalid file -> exit %d, stderr ends: %s%n", exit, lastLine(router.stderr()));
            assertThat(exit).isEqualTo(2);
            assertThat(router.stderr()).contains("bad.yaml:3:").contains("timeouts.connect");
        }
        Path missing = dir.resolve("no-such-router.yaml");
        try (RouterProcess router = RouterProcess.start("run", "--config", missing.toString())) {
            int exit = router.exitCode(Duration.ofSeconds(60));
            System.out.printf("badConfigExitsTwo: missing file -> exit %d, stderr ends: %s%n", exit, lastLine(router.stderr()));
            assertThat(exit).isEqualTo(2);
            assertThat(router.stderr()).contains("no-such-router.yaml");
        }
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private static int get(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** "refused", or "accepted" when a fresh connection to the client port still opens. */
    private static String tryConnect(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            return "accepted";
        } catch (ConnectException e) {
            return "refused";
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        }
    }
}
