package io.synapserouter.launcher.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synapserouter.launcher.docker.ContainerInfo;
import io.synapserouter.launcher.docker.DockerEngine;
import io.synapserouter.launcher.docker.TestEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code up} follows {@code after:} and waits for health where asked; {@code down} removes everything. */
class StackUpDownTest {

    private static TestEngine docker;

    @BeforeAll
    static void connect() {
        docker = TestEngine.connect("stack");
    }

    @AfterAll
    static void cleanUp() {
        if (docker != null) {
            docker.close();
        }
    }

    @Test
    void upStartsInDependencyOrderWaitingForHealthyAndDownRemovesEverything() {
        DockerEngine engine = docker.engine();
        String net = docker.network("stack");
        String db = docker.name("db");
        String app = docker.name("app");
        String web = docker.name("web");
        // Listed out of order on purpose: after: decides. db becomes healthy ~2 s after it starts.
        SpecFile spec = SpecFile.parse("""
                containers:
                  %1$s:
                    image: %4$s
                    entrypoint: [sh, -c, "trap 'exit 0' TERM; while true; do sleep 0.1; done"]
                    networks: [%5$s]
                    after: [%2$s]
                  %2$s:
                    image: %4$s
                    entrypoint: [sh, -c, "trap 'exit 0' TERM; while true; do sleep 0.1; done"]
                    networks: [%5$s]
                    after: [{ name: %3$s, wait: healthy }]
                  %3$s:
                    image: %4$s
                    entrypoint: [sh, -c, "trap 'exit 0' TERM; sleep 2; touch /tmp/ready; while true; do sleep 0.1; done"]
                    user: "65534:65534"
                    read_only: true
                    cap_drop: [ALL]
                    tmpfs: { /tmp: "rw,noexec,nosuid,size=1m" }
                    networks: [{ name: %5$s, aliases: [db] }]
                    health: { test: "test -f /tmp/ready", interval: 300ms, timeout: 2s, retries: 20 }
                    stop_grace: 2s
                """.formatted(web, app, db, TestEngine.BUSYBOX, net), Path.of("/tmp/stack.yaml"));

        StackRunner stack = new StackRunner(engine, spec, Duration.ofSeconds(60));
        assertThat(stack.up()).containsExactly(db, app, web);

        ContainerInfo dbInfo = engine.inspectContainer(db).orElseThrow();
        ContainerInfo appInfo = engine.inspectContainer(app).orElseThrow();
        ContainerInfo webInfo = engine.inspectContainer(web).orElseThrow();
        Duration dbToApp = Duration.between(dbInfo.startedAt(), appInfo.startedAt());
        Duration appToWeb = Duration.between(appInfo.startedAt(), webInfo.startedAt());
        System.out.println("db started " + dbInfo.startedAt() + ", app " + dbToApp.toMillis() + " ms later (after db was healthy), web "
                + appToWeb.toMillis() + " ms after app");
        assertThat(dbInfo.healthy()).isTrue();
        assertThat(dbToApp).as("app waited for db to be healthy").isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(appToWeb.isNegative()).as("web started after app").isFalse();
        assertThat(List.of(dbInfo, appInfo, webInfo)).allSatisfy(c -> assertThat(c.running()).isTrue());

        assertThat(stack.down()).containsExactly(web, app, db);
        for (String name : List.of(db, app, web)) {
            assertThat(engine.inspectContainer(name)).as(name).isEmpty();
        }
    }

    @Test
    void waitingForHealthIsBoundedAndAnExitedDependencyFailsAtOnce() {
        DockerEngine engine = docker.engine();
        String sick = docker.name("sick");
        String dead = docker.name("dead");
        String after = docker.name("after");
        SpecFile neverHealthy = SpecFile.parse("""
                containers:
                  %1$s:
                    image: %3$s
                    entrypoint: [sh, -c, "trap 'exit 0' TERM; while true; do sleep 0.1; done"]
                    health: { test: "false", interval: 200ms, retries: 100 }
                  %2$s:
                    image: %3$s
                    after: [{ name: %1$s, wait: healthy }]
                """.formatted(sick, after, TestEngine.BUSYBOX), Path.of("/tmp/s.yaml"));
        long started = System.nanoTime();
        assertThatThrownBy(() -> new StackRunner(engine, neverHealthy, Duration.ofSeconds(2)).up())
                .hasMessageContaining(sick + " is not healthy after 2 s");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(15_000);
        assertThat(engine.inspectContainer(after)).as("never created").isEmpty();

        SpecFile exits = SpecFile.parse("""
                containers:
                  %1$s:
                    image: %3$s
                    entrypoint: [sh, -c, "exit 4"]
                    health: { test: "true", interval: 200ms }
                  %2$s:
                    image: %3$s
                    after: [{ name: %1$s, wait: healthy }]
                """.formatted(dead, after, TestEngine.BUSYBOX), Path.of("/tmp/e.yaml"));
        assertThatThrownBy(() -> new StackRunner(engine, exits, Duration.ofSeconds(60)).up())
                .hasMessageContaining(dead + " exited with code 4");
        new StackRunner(engine, neverHealthy, Duration.ZERO).down();
        new StackRunner(engine, exits, Duration.ZERO).down();
        assertThat(engine.containerNamesStartingWith(sick)).isEmpty();
        assertThat(engine.containerNamesStartingWith(dead)).isEmpty();
    }
}
