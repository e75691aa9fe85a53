package io.synapserouter.launcher.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.launcher.docker.ContainerInfo;
import io.synapserouter.routing.config.RouterConfigLoader;
import io.synapserouter.launcher.docker.TestEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the launcher brings up a Synapse stand-in on a back network (alias {@code synapse}) and
 * the router on a front network plus the back one, each in its own hardened container; a request to
 * the router's port published on 127.0.0.1 reaches the stand-in through the router, which found it by
 * its alias on the network it was connected to before it started. Needs the launcher's {@code run}.
 */
class RouterEndToEndIT {

    private static TestEngine docker;

    @TempDir
    Path dir;

    @BeforeAll
    static void connect() {
        docker = TestEngine.connect("e2e");
    }

    @AfterAll
    static void cleanUp() {
        if (docker != null) {
            docker.close();
        }
    }

    @Test
    void aRequestThroughTheRoutersPublishedPortReachesTheStandinOnTheOtherNetwork() throws Exception {
        try (LauncherProcess help = LauncherProcess.startJar("run", "--help")) {
            help.exitCode(Duration.ofSeconds(30));
            // picocli answers an unknown command's --help with the root usage, so look for run's own
            assertThat(help.stdout())
                    .as("`java -jar synapse-router.jar run --config FILE` must exist (the launcher's run command, issue 2)")
                    .contains("Usage: synapse-router run");
        }
        String back = docker.network("back");
        String front = docker.network("front");
        String standin = docker.name("synapse");
        String router = docker.name("router");
        Path config = dir.resolve("router.yaml");
        String routerYaml = """
                listeners: { client: "0.0.0.0:8008" }
                synapse: { client: "synapse:8008" }
                """;
        RouterConfigLoader.parse(routerYaml, "router.yaml", Map.of()); // the config format still reads it
        Files.writeString(config, routerYaml);
        Path spec = LauncherProcess.writeSpec(dir, "containers:\n"
                + "  " + router + ":\n"
                + JvmContainers.container("-Xmx128m, -jar, /opt/synapse-router.jar, run, --config, /config/router.yaml",
                        "[{ name: " + front + ", aliases: [router] }, " + back + "]",
                        "      - { source: " + config + ", target: /config/router.yaml, read_only: true }\n",
                        "    ports: [\"127.0.0.1::8008\"]\n"
                                + "    after: [{ name: " + standin + ", wait: healthy }]\n")
                + "  " + standin + ":\n"
                + JvmContainers.standin("[{ name: " + back + ", aliases: [synapse] }]", ""));

        try (LauncherProcess up = LauncherProcess.start("container", "up", "--spec", spec.toString(), "--timeout", "120s")) {
            assertThat(up.exitCode(Duration.ofSeconds(150))).as(up.stderr()).isZero();
            System.out.println(up.stderr());
        }
        try {
            ContainerInfo routerInfo = docker.engine().inspectContainer(router).orElseThrow();
            assertThat(routerInfo.networks()).containsExactlyInAnyOrder(front, back);
            int port = routerInfo.hostPort("8008/tcp");
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> response = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            // The router container starts a JVM: give it (bounded) time to listen.
            while (System.nanoTime() - deadline < 0) {
                try {
                    response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_matrix/client/versions"))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        break;
                    }
                } catch (java.io.IOException notYet) {
                    // the router is not listening yet
                }
                Thread.sleep(250);
            }
            assertThat(response).as("the router answered on 127.0.0.1:%d", port).isNotNull();
            System.out.println("GET 127.0.0.1:" + port + "/_matrix/client/versions → " + response.statusCode() + " "
                    + response.headers().firstValue("X-Served-By").orElse("?") + " " + response.body());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-Served-By")).as("served by the stand-in behind the router").hasValue("main");
        } finally {
            try (LauncherProcess down = LauncherProcess.start("container", "down", "--spec", spec.toString())) {
                assertThat(down.exitCode(Duration.ofSeconds(60))).as(down.stderr()).isZero();
            }
        }
        assertThat(docker.engine().inspectContainer(router)).isEmpty();
        assertThat(docker.engine().inspectContainer(standin)).isEmpty();
    }
}
