package io.synapserouter.launcher.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synapserouter.launcher.docker.DockerEngine;
import io.synapserouter.launcher.docker.TestEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code container run} as systemd runs it: the real jar as a process, a real Engine, real signals.
 */
class ContainerRunIT {

    private static TestEngine docker;
    private static String front;
    private static String back;

    @TempDir
    Path dir;

    @BeforeAll
    static void connect() {
        docker = TestEngine.connect("run");
        front = docker.network("front");
        back = docker.network("back");
    }

    @AfterAll
    static void cleanUp() {
        if (docker != null) {
            docker.close();
        }
    }

    private Path spec(String name, String script, String extra) throws Exception {
        return LauncherProcess.writeSpec(dir, """
                containers:
                  %s:
                    image: %s
                    entrypoint: [sh, -c, %s]
                    networks: [{ name: %s, aliases: [probe] }, %s]
                    read_only: true
                    cap_drop: [ALL]
                    user: "65534:65534"
                    tmpfs: { /tmp: "rw,noexec,nosuid,size=1m" }
                    log_driver: none
                %s""".formatted(name, TestEngine.BUSYBOX, quoted(script), front, back, extra));
    }

    private static String quoted(String script) {
        return "\"" + script.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void theContainersExitCodeAndOutputPassThrough() throws Exception {
        String name = docker.name("exit7");
        Path spec = spec(name, "echo to-stdout; echo to-stderr >&2; exit 7", "");
        try (LauncherProcess launcher = LauncherProcess.start("container", "run", "--spec", spec.toString(), name)) {
            int code = launcher.exitCode(Duration.ofSeconds(60));
            System.out.println("exit code " + code + "\nstdout:\n" + launcher.stdout() + "stderr:\n" + launcher.stderr());
            assertThat(code).isEqualTo(7);
            // stdout carries the container's stdout and nothing else; our log lines go to stderr
            assertThat(launcher.stdout()).isEqualTo("to-stdout\n");
            assertThat(launcher.stderr()).contains("to-stderr\n");
        }
        assertThat(docker.engine().inspectContainer(name)).as("removed after it exited").isEmpty();
    }

    @Test
    void sigtermStopsAndRemovesTheContainerWithinItsGrace() throws Exception {
        String name = docker.name("polite");
        Path spec = spec(name, "trap 'echo got-TERM; exit 0' TERM; echo ready; while true; do sleep 0.1; done",
                "    stop_grace: 10s\n");
        try (LauncherProcess launcher = LauncherProcess.start("container", "run", "--spec", spec.toString(), name)) {
            launcher.awaitStdout("ready", Duration.ofSeconds(60));
            assertThat(docker.engine().inspectContainer(name)).hasValueSatisfying(c -> assertThat(c.running()).isTrue());
            long sent = System.nanoTime();
            launcher.terminate();
            int code = launcher.exitCode(Duration.ofSeconds(40));
            long millis = (System.nanoTime() - sent) / 1_000_000;
            System.out.println("SIGTERM → launcher exit " + code + " in " + millis + " ms (container traps TERM, grace 10 s)\nstderr:\n"
                    + launcher.stderr());
            assertThat(code).isEqualTo(143);
            assertThat(launcher.stdout()).as("the container's last words reached us").contains("got-TERM");
            assertThat(millis).isLessThan(10_000);
            assertThat(docker.engine().inspectContainer(name)).as("removed").isEmpty();
        }
    }

    @Test
    void sigtermOnAContainerThatIgnoresItKillsItWhenTheGraceIsOver() throws Exception {
        String name = docker.name("stubborn");
        // exec: sleep becomes PID 1, which has no TERM handler, so the kernel ignores SIGTERM for it
        Path spec = spec(name, "echo ready; exec sleep 300", "    stop_grace: 2s\n");
        try (LauncherProcess launcher = LauncherProcess.start("container", "run", "--spec", spec.toString(), name)) {
            launcher.awaitStdout("ready", Duration.ofSeconds(60));
            long sent = System.nanoTime();
            launcher.terminate();
            int code = launcher.exitCode(Duration.ofSeconds(40));
            long millis = (System.nanoTime() - sent) / 1_000_000;
            System.out.println("SIGTERM → launcher exit " + code + " in " + millis + " ms (container ignores TERM, grace 2 s)");
            assertThat(code).isEqualTo(143);
            assertThat(millis).as("waited the grace, then the Engine killed").isBetween(1_900L, 12_000L);
            assertThat(docker.engine().inspectContainer(name)).as("removed").isEmpty();
        }
    }

    @Test
    void waitHealthyReportsReadyOnlyOnceTheEngineSaysHealthy() throws Exception {
        String name = docker.name("health");
        Path spec = spec(name, "trap 'exit 0' TERM; echo started; sleep 1; touch /tmp/ok; while true; do sleep 0.1; done",
                "    health: { test: \"test -f /tmp/ok\", interval: 300ms, retries: 30 }\n");
        try (LauncherProcess launcher = LauncherProcess.start("container", "run", "--wait-healthy", "--spec", spec.toString(), name)) {
            launcher.awaitStdout("started", Duration.ofSeconds(60));
            assertThat(launcher.stderr()).doesNotContain("is healthy: ready");
            launcher.awaitStderr(name + " is healthy: ready", Duration.ofSeconds(30));
            assertThat(docker.engine().inspectContainer(name)).hasValueSatisfying(c -> assertThat(c.healthy()).isTrue());
            launcher.terminate();
            assertThat(launcher.exitCode(Duration.ofSeconds(40))).isEqualTo(143);
        }
        assertThat(docker.engine().inspectContainer(name)).isEmpty();
    }

    @Test
    void aRunningStaleContainerOfTheSameNameIsReplaced() throws Exception {
        DockerEngine engine = docker.engine();
        String name = docker.name("stale");
        // A container left running under the same name (as if a previous launcher was killed -9).
        ObjectNode stale = new ObjectMapper().createObjectNode();
        stale.put("Image", TestEngine.BUSYBOX);
        List.of("sleep", "300").forEach(stale.putArray("Cmd")::add);
        String staleId = engine.createContainer(name, stale);
        engine.startContainer(staleId);

        Path spec = spec(name, "echo fresh; exit 0", "    stop_grace: 1s\n");
        try (LauncherProcess launcher = LauncherProcess.start("container", "run", "--spec", spec.toString(), name)) {
            assertThat(launcher.exitCode(Duration.ofSeconds(60))).as(launcher.stderr()).isZero();
            assertThat(launcher.stdout()).isEqualTo("fresh\n");
            assertThat(launcher.stderr()).contains("removing stale container " + name + " (status running)");
        }
        assertThat(engine.inspectContainer(staleId)).isEmpty();
        assertThat(engine.inspectContainer(name)).isEmpty();
    }

    @Test
    void aMissingImageOrNetworkIsAClearErrorAndLeavesNothingBehind() throws Exception {
        String name = docker.name("missing");
        Path noImage = LauncherProcess.writeSpec(dir, """
                containers:
                  %s:
                    image: synapse-router-test/not-here:1
                    networks: [%s]
                """.formatted(name, front));
        try (LauncherProcess launcher = LauncherProcess.start("container", "run", "--spec", noImage.toString(), name)) {
            assertThat(launcher.exitCode(Duration.ofSeconds(60))).isEqualTo(1);
            System.out.println("missing image → " + launcher.stderr().strip());
            assertThat(launcher.stderr()).contains("image 'synapse-router-test/not-here:1' is not present");
        }
        assertThat(docker.engine().inspectContainer(name)).isEmpty();

        String missingNet = docker.name("not-a-network");
        Path noNetwork = LauncherProcess.writeSpec(dir, """
                containers:
                  %s:
                    image: %s
                    networks: [%s, %s]
                """.formatted(name, TestEngine.BUSYBOX, front, missingNet));
        try (LauncherProcess launcher = LauncherProcess.start("container", "run", "--spec", noNetwork.toString(), name)) {
            assertThat(launcher.exitCode(Duration.ofSeconds(60))).isEqualTo(1);
            System.out.println("missing network → " + launcher.stderr().strip());
            assertThat(launcher.stderr()).contains("network '" + missingNet + "' does not exist");
        }
        assertThat(docker.engine().inspectContainer(name)).isEmpty();
    }
}
