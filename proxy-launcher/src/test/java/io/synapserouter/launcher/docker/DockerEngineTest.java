package io.synapserouter.launcher.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against the real Engine from {@code .ci/docker-setup.sh}; fails (never skips) without it. */
class DockerEngineTest {

    private static TestEngine docker;

    @BeforeAll
    static void connect() {
        docker = TestEngine.connect("engine");
    }

    @AfterAll
    static void cleanUp() {
        if (docker != null) {
            docker.close();
        }
    }

    private static ObjectNode busybox(String... cmd) {
        ObjectNode body = new ObjectMapper().createObjectNode();
        body.put("Image", TestEngine.BUSYBOX);
        List.of(cmd).forEach(body.putArray("Cmd")::add);
        return body;
    }

    @Test
    void apiVersionIsNegotiatedDownToWhatBothSpeak() {
        EngineVersion version = docker.engine().version();
        System.out.println("Engine " + version.engineVersion() + ", API max " + version.maxApi() + ", speaking " + version.negotiated());
        assertThat(version.negotiated()).isLessThanOrEqualTo(ApiVersion.OURS);
        assertThat(version.negotiated()).isLessThanOrEqualTo(version.maxApi());
        assertThat(version.negotiated()).isGreaterThanOrEqualTo(ApiVersion.OLDEST);
    }

    @Test
    void attachBeforeStartDeliversStdoutAndStderrSeparatelyAndWaitGivesTheExitCode() throws Exception {
        DockerEngine engine = docker.engine();
        String name = docker.name("attach");
        String id = engine.createContainer(name, busybox("sh", "-c", "echo first-line; echo to-stderr >&2; seq 1 20000; exit 3"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Attachment attachment = engine.attach(id, out, err);
        engine.startContainer(id);
        int exit = engine.waitForExit(id).get(30, TimeUnit.SECONDS);
        assertThat(attachment.awaitEnd(Duration.ofSeconds(10))).isTrue();

        assertThat(exit).isEqualTo(3);
        String stdout = out.toString(StandardCharsets.UTF_8);
        assertThat(stdout).startsWith("first-line\n1\n2\n").endsWith("\n19999\n20000\n");
        assertThat(stdout.lines().count()).isEqualTo(20001);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("to-stderr\n");
        assertThat(engine.inspectContainer(name)).hasValueSatisfying(c -> {
            assertThat(c.status()).isEqualTo("exited");
            assertThat(c.exitCode()).isEqualTo(3);
        });
        assertThat(engine.removeContainer(id, true)).isTrue();
        assertThat(engine.inspectContainer(name)).isEmpty();
        assertThat(engine.removeContainer(id, true)).as("removing it again").isFalse();
    }

    @Test
    void engineErrorsBecomeMessagesThatSayWhatIsMissing() {
        DockerEngine engine = docker.engine();
        ObjectNode missingImage = busybox("true");
        missingImage.put("Image", "synapse-router-test/does-not-exist:1");
        assertThatThrownBy(() -> engine.createContainer(docker.name("noimage"), missingImage))
                .isInstanceOf(DockerException.class)
                .hasMessageContaining("create container '" + docker.name("noimage") + "'")
                .hasMessageContaining("image 'synapse-router-test/does-not-exist:1' is not present")
                .satisfies(e -> assertThat(((DockerException) e).isNotFound()).isTrue());
        assertThat(engine.inspectContainer(docker.name("noimage"))).isEmpty();

        String name = docker.name("conflict");
        engine.createContainer(name, busybox("true"));
        assertThatThrownBy(() -> engine.createContainer(name, busybox("true")))
                .isInstanceOf(DockerException.class)
                .hasMessageContaining("already in use")
                .satisfies(e -> assertThat(((DockerException) e).isConflict()).isTrue());

        assertThat(engine.networkExists(docker.name("no-such-net"))).isFalse();
        assertThat(engine.networkExists("bridge")).isTrue();
        assertThat(engine.stopContainer(name, Duration.ofSeconds(1))).as("stopping a container that never ran").isFalse();
    }

    @Test
    void anUnreachableEngineIsAClearError() {
        assertThatThrownBy(() -> DockerEngine.connect(DockerHost.parse("unix:///tmp/synapse-router-no-such-engine.sock")))
                .isInstanceOf(DockerException.class)
                .hasMessageContaining("cannot reach the Docker Engine at unix:///tmp/synapse-router-no-such-engine.sock");
    }
}
