package io.synapserouter.launcher.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.launcher.docker.ContainerInfo;
import io.synapserouter.launcher.docker.TestEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mechanics of the end-to-end setup without the router: {@code container up} brings a Synapse
 * stand-in up in the JVM test image on two networks, hardened (read-only, no capabilities, nobody,
 * tmpfs), waits for it to be healthy before its dependent, which reaches it by the alias it has on
 * its second (connected) network; a request through the port published on 127.0.0.1 reaches it too.
 * {@code container down} removes everything.
 */
class StandinContainerIT {

    private static TestEngine docker;

    @TempDir
    Path dir;

    @BeforeAll
    static void connect() {
        docker = TestEngine.connect("standin");
    }

    @AfterAll
    static void cleanUp() {
        if (docker != null) {
            docker.close();
        }
    }

    @Test
    void upBringsTheStandinUpHealthyOnTwoNetworksAndAPublishedPortReachesIt() throws Exception {
        String back = docker.network("back");
        String front = docker.network("front");
        String standin = docker.name("synapse");
        String after = docker.name("after");
        Path spec = LauncherProcess.writeSpec(dir, "containers:\n  " + standin + ":\n"
                + JvmContainers.standin("[{ name: " + back + ", aliases: [synapse] }, { name: " + front + ", aliases: [synapse-front] }]",
                        "    ports: [\"127.0.0.1::8008\"]\n")
                + "  " + after + ":\n"
                + "    image: " + TestEngine.BUSYBOX + "\n"
                + "    entrypoint: [sh, -c, \"trap 'exit 0' TERM; while true; do sleep 0.1; done\"]\n"
                + "    networks: [" + front + "]\n"
                // healthy once the stand-in answers under the alias it got on the network connected before start
                + "    health: { test: \"wget -q -O /dev/null http://synapse-front:8008/health\", interval: 300ms, retries: 100 }\n"
                + "    after: [{ name: " + standin + ", wait: healthy }]\n");

        long started = System.nanoTime();
        try (LauncherProcess up = LauncherProcess.start("container", "up", "--spec", spec.toString(), "--timeout", "120s")) {
            assertThat(up.exitCode(Duration.ofSeconds(150))).as(up.stderr()).isZero();
            System.out.println("container up (stand-in healthy, then its dependent) took "
                    + (System.nanoTime() - started) / 1_000_000 + " ms\n" + up.stderr());
        }
        ContainerInfo info = docker.engine().inspectContainer(standin).orElseThrow();
        assertThat(info.healthy()).isTrue();
        assertThat(info.networks()).containsExactlyInAnyOrder(back, front);
        new ContainerLifecycle(docker.engine()).awaitCondition(after, ContainerSpec.WaitFor.HEALTHY, Duration.ofSeconds(30), true);

        int port = info.hostPort("8008/tcp");
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_matrix/client/v3/account/whoami"))
                        .header("Authorization", "Bearer tok").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.println("GET 127.0.0.1:" + port + " whoami → " + response.statusCode() + " " + response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Served-By")).hasValue("main");
        assertThat(response.body()).contains("\"user_id\":\"@alice:example.org\"");

        try (LauncherProcess down = LauncherProcess.start("container", "down", "--spec", spec.toString())) {
            assertThat(down.exitCode(Duration.ofSeconds(60))).as(down.stderr()).isZero();
        }
        assertThat(docker.engine().inspectContainer(standin)).isEmpty();
        assertThat(docker.engine().inspectContainer(after)).isEmpty();
    }
}
