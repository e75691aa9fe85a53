package io.synapserouter.launcher.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synapserouter.launcher.docker.DockerEngine;
import io.synapserouter.launcher.docker.DockerException;
import io.synapserouter.launcher.docker.TestEngine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Whatever the Engine refuses, the error says what is missing and no container is left behind. */
class MissingImageOrNetworkTest {

    private static TestEngine docker;
    private static String network;

    @BeforeAll
    static void connect() {
        docker = TestEngine.connect("missing");
        network = docker.network("present");
    }

    @AfterAll
    static void cleanUp() {
        if (docker != null) {
            docker.close();
        }
    }

    private static ContainerSpec spec(String name, String image, String networks, String extra) {
        return SpecFile.parse("""
                containers:
                  %s:
                    image: %s
                    command: [sleep, "300"]
                    networks: [%s]
                %s""".formatted(name, image, networks, extra), Path.of("/tmp/spec.yaml")).container(name);
    }

    @Test
    void aMissingImageIsNamedAndNothingIsCreated() {
        String name = docker.name("noimage");
        DockerEngine engine = docker.engine();
        assertThatThrownBy(() -> new ContainerLifecycle(engine).bringUp(spec(name, "synapse-router-test/nope:1", network, "")))
                .isInstanceOf(DockerException.class)
                .hasMessageContaining("image 'synapse-router-test/nope:1' is not present");
        assertThat(engine.inspectContainer(name)).isEmpty();
    }

    @Test
    void aMissingPrimaryOrExtraNetworkIsNamedAndNothingIsCreated() {
        DockerEngine engine = docker.engine();
        String missing = docker.name("no-such-network");
        for (String networks : new String[] {missing + ", " + network, network + ", " + missing}) {
            String name = docker.name("nonet");
            assertThatThrownBy(() -> new ContainerLifecycle(engine).bringUp(spec(name, TestEngine.BUSYBOX, networks, "")))
                    .isInstanceOf(DockerException.class)
                    .hasMessageContaining("network '" + missing + "' does not exist");
            assertThat(engine.inspectContainer(name)).as(networks).isEmpty();
        }
    }

    @Test
    void aBindSourceTheEngineRefusesIsNamedAndNothingIsCreated() {
        DockerEngine engine = docker.engine();
        String name = docker.name("badmount");
        ContainerSpec spec = spec(name, TestEngine.BUSYBOX, network,
                "    mounts: [{ source: /nonexistent/synapse-router-test, target: /data }]\n");
        assertThatThrownBy(() -> new ContainerLifecycle(engine).bringUp(spec))
                .isInstanceOf(DockerException.class)
                .hasMessageContaining("/nonexistent/synapse-router-test");
        assertThat(engine.inspectContainer(name)).isEmpty();
    }

    @Test
    void aStartTheEngineRefusesRemovesTheCreatedContainer() throws IOException {
        DockerEngine engine = docker.engine();
        String name = docker.name("portbusy");
        // The Engine only finds out that the host port is taken when it starts the container, after
        // create and connect succeeded: the lifecycle must remove what it created.
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ContainerSpec spec = spec(name, TestEngine.BUSYBOX, network,
                    "    ports: [\"127.0.0.1:" + busy.getLocalPort() + ":8008\"]\n");
            assertThatThrownBy(() -> new ContainerLifecycle(engine).bringUp(spec))
                    .isInstanceOf(DockerException.class)
                    .hasMessageContaining("start container")
                    .hasMessageContaining(Integer.toString(busy.getLocalPort()));
        }
        assertThat(engine.inspectContainer(name)).isEmpty();
    }
}
