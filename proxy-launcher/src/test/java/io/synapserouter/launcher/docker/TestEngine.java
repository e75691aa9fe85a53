package io.synapserouter.launcher.docker;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The real Docker Engine the Docker tests run against: the one {@code .ci/docker-setup.sh} starts and
 * names in {@code DOCKER_HOST}. Without it these tests FAIL (never skip), saying what to run.
 * Everything a test creates carries a per-run name prefix and is removed by {@link #close}.
 */
public final class TestEngine implements AutoCloseable {

    public static final String BUSYBOX = "synapse-router-test/busybox:1";
    public static final String JVM = "synapse-router-test/jvm:1";

    private final DockerEngine engine;
    private final String prefix;
    private final List<String> networks = new ArrayList<>();

    private TestEngine(DockerEngine engine, String prefix) {
        this.engine = engine;
        this.prefix = prefix;
    }

    /** Connects to {@code DOCKER_HOST}; fails the test with instructions when that is not possible. */
    public static TestEngine connect(String testName) {
        String host = System.getenv("DOCKER_HOST");
        if (host == null || host.isBlank()) {
            fail("DOCKER_HOST is not set. These tests need the private Docker Engine: run "
                    + "`source .ci/docker-setup.sh` (as root) before `mvn verify`.");
        }
        DockerEngine engine;
        try {
            engine = DockerEngine.connect(DockerHost.parse(host));
        } catch (RuntimeException e) {
            throw new AssertionError("the Docker Engine at DOCKER_HOST=" + host + " is unreachable ("
                    + e.getMessage() + "). Run `source .ci/docker-setup.sh` (as root) first.", e);
        }
        for (String image : List.of(BUSYBOX, JVM)) {
            if (!engine.imageExists(image)) {
                engine.close();
                fail("test image " + image + " is missing on " + host + ": `.ci/docker-setup.sh` imports it");
            }
        }
        String prefix = "srt-" + testName + "-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        return new TestEngine(engine, prefix);
    }

    public DockerEngine engine() {
        return engine;
    }

    public String prefix() {
        return prefix;
    }

    /** A unique container or network name for this run. */
    public String name(String suffix) {
        return prefix + suffix;
    }

    /** Creates a bridge network that {@link #close} removes. */
    public String network(String suffix) {
        String name = name(suffix);
        engine.createNetwork(name, Map.of("synapse-router-test", "true"));
        networks.add(name);
        return name;
    }

    /** Removes every container with this run's prefix, then the networks it created. */
    @Override
    public void close() {
        try {
            for (String container : engine.containerNamesStartingWith(prefix)) {
                try {
                    engine.removeContainer(container, true);
                } catch (RuntimeException e) {
                    System.err.println("cleanup: " + e.getMessage());
                }
            }
            awaitNoContainers(Duration.ofSeconds(20));
            for (String network : networks) {
                try {
                    engine.removeNetwork(network);
                } catch (RuntimeException e) {
                    System.err.println("cleanup: " + e.getMessage());
                }
            }
        } finally {
            engine.close();
        }
    }

    private void awaitNoContainers(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!engine.containerNamesStartingWith(prefix).isEmpty() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
