package io.synapserouter.launcher.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synapserouter.launcher.docker.ContainerInfo;
import io.synapserouter.launcher.docker.DockerEngine;
import io.synapserouter.launcher.docker.TestEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A container of the same name left behind (running, exited, or still being removed) never blocks a start. */
class StaleContainerTest {

    /** Exits promptly on SIGTERM, so stops take milliseconds rather than the grace. */
    private static final String POLITE = "trap 'exit 0' TERM; while true; do sleep 0.1; done";

    private static TestEngine docker;

    @BeforeAll
    static void connect() {
        docker = TestEngine.connect("stale");
    }

    @AfterAll
    static void cleanUp() {
        if (docker != null) {
            docker.close();
        }
    }

    private static ContainerSpec spec(String name) {
        return SpecFile.parse("""
                containers:
                  %s:
                    image: %s
                    entrypoint: [sh, -c, "%s"]
                    stop_grace: 1s
                """.formatted(name, TestEngine.BUSYBOX, POLITE), Path.of("/tmp/spec.yaml")).container(name);
    }

    private static ObjectNode busybox(boolean autoRemove, String script) {
        ObjectNode body = new ObjectMapper().createObjectNode();
        body.put("Image", TestEngine.BUSYBOX);
        List.of("sh", "-c", script).forEach(body.putArray("Cmd")::add);
        body.putObject("HostConfig").put("AutoRemove", autoRemove);
        return body;
    }

    @Test
    void aRunningStaleContainerIsStoppedWithinItsGraceRemovedAndReplaced() {
        DockerEngine engine = docker.engine();
        String name = docker.name("running");
        // PID 1 without a TERM handler ignores SIGTERM: only the grace's SIGKILL ends it.
        String old = engine.createContainer(name, busybox(false, "sleep 300"));
        engine.startContainer(old);

        long started = System.nanoTime();
        String fresh = new ContainerLifecycle(engine).bringUp(spec(name));
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("replaced a running stale container (grace 1 s, ignores SIGTERM) in " + millis + " ms");

        assertThat(fresh).isNotEqualTo(old);
        assertThat(engine.inspectContainer(old)).isEmpty();
        assertThat(engine.inspectContainer(name)).hasValueSatisfying(c -> {
            assertThat(c.id()).isEqualTo(fresh);
            assertThat(c.running()).isTrue();
        });
        assertThat(millis).as("stop waited for the grace, then killed").isBetween(900L, 20_000L);
    }

    @Test
    void anExitedOrNeverStartedStaleContainerIsRemoved() {
        DockerEngine engine = docker.engine();
        String name = docker.name("created");
        String old = engine.createContainer(name, busybox(false, "true"));
        String fresh = new ContainerLifecycle(engine).bringUp(spec(name));
        assertThat(fresh).isNotEqualTo(old);
        assertThat(engine.inspectContainer(old)).isEmpty();
    }

    @Test
    void aStaleRmContainerWhoseRemovalIsStillInProgressIsWaitedFor() {
        DockerEngine engine = docker.engine();
        ContainerLifecycle lifecycle = new ContainerLifecycle(engine);
        for (int round = 1; round <= 3; round++) {
            String name = docker.name("rm-" + round);
            String old = engine.createContainer(name, busybox(true, POLITE));
            engine.startContainer(old);
            // Stopping an --rm container returns once it has exited; the Engine removes it afterwards,
            // asynchronously: the name is still taken for a moment ("removal already in progress").
            engine.stopContainer(old, Duration.ofSeconds(1));
            Optional<ContainerInfo> seen = engine.inspectContainer(name);
            String fresh = lifecycle.bringUp(spec(name));
            System.out.println("round " + round + ": right after the stop the old container was "
                    + seen.map(ContainerInfo::status).orElse("already gone") + "; replaced by " + fresh.substring(0, 12));
            assertThat(fresh).isNotEqualTo(old);
            assertThat(engine.inspectContainer(name)).hasValueSatisfying(c -> assertThat(c.running()).isTrue());
            lifecycle.remove(name, Duration.ofSeconds(1));
            assertThat(engine.inspectContainer(name)).isEmpty();
        }
    }
}
