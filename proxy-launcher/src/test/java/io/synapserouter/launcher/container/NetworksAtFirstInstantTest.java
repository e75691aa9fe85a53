package io.synapserouter.launcher.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.launcher.container.internal.CreateRequest;
import io.synapserouter.launcher.docker.Attachment;
import io.synapserouter.launcher.docker.DockerEngine;
import io.synapserouter.launcher.docker.TestEngine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reason for the create → connect → start order: the container's very first command already
 * sees every network. The old order (run, then connect) leaves it on one network for its first moments.
 */
class NetworksAtFirstInstantTest {

    private static final String LATER = "== 2 s later";
    private static final Pattern ADDRESS = Pattern.compile("^\\s+inet (\\d+\\.\\d+\\.\\d+\\.\\d+)/", Pattern.MULTILINE);

    private static TestEngine docker;
    private static ContainerSpec spec;

    @BeforeAll
    static void networks() {
        docker = TestEngine.connect("netfirst");
        String a = docker.network("front");
        String b = docker.network("back");
        String c = docker.network("admin");
        spec = SpecFile.parse("""
                containers:
                  probe:
                    image: %s
                    entrypoint: [sh, -c, 'echo "== first instant"; ip addr; sleep 2; echo "%s"; ip addr']
                    networks:
                      - { name: %s, aliases: [probe-front] }
                      - { name: %s, aliases: [probe-back] }
                      - %s
                """.formatted(TestEngine.BUSYBOX, LATER, a, b, c), Path.of("/tmp/spec.yaml")).container("probe");
    }

    @AfterAll
    static void cleanUp() {
        if (docker != null) {
            docker.close();
        }
    }

    @Test
    void createConnectStartGivesEveryNetworkAtTheFirstInstantWhileRunThenConnectDoesNot() throws Exception {
        DockerEngine engine = docker.engine();

        // The launcher's order: create on the primary, connect the others, start.
        ContainerSpec launcherSpec = renamed(docker.name("new-order"));
        ContainerLifecycle lifecycle = new ContainerLifecycle(engine);
        String id = lifecycle.create(launcherSpec);
        String newOrder = runAttached(engine, id, () -> lifecycle.start(launcherSpec, id));

        // The old order, as MDAD's units did it: create on the primary and start ("docker run"), check
        // .State.Running (their post-start loop), then connect the others.
        ContainerSpec oldSpec = renamed(docker.name("old-order"));
        String oldId = engine.createContainer(oldSpec.name(), CreateRequest.of(oldSpec, Map.of()));
        String oldOrder = runAttached(engine, oldId, () -> {
            engine.startContainer(oldId);
            assertThat(engine.inspectContainer(oldId)).hasValueSatisfying(c -> assertThat(c.running()).isTrue());
            oldSpec.extraNetworks().forEach(n -> engine.connectNetwork(n.name(), oldId, n.aliases()));
        });

        System.out.println("==== create → connect → start (the launcher) ====\n" + newOrder);
        System.out.println("==== run, then connect (the old way) ====\n" + oldOrder);

        assertThat(addresses(firstInstant(newOrder))).as("new order, first instant").isEqualTo(3);
        assertThat(addresses(later(newOrder))).as("new order, later").isEqualTo(3);
        assertThat(addresses(firstInstant(oldOrder))).as("old order, first instant").isLessThan(3);
        assertThat(addresses(later(oldOrder))).as("old order, once connected").isEqualTo(3);
    }

    private static ContainerSpec renamed(String name) {
        return new ContainerSpec(name, spec.image(), spec.entrypoint(), spec.command(), spec.env(), spec.envFiles(),
                spec.user(), spec.readOnly(), spec.capDrop(), spec.capAdd(), spec.tmpfs(), spec.mounts(), spec.labels(),
                spec.labelFiles(), spec.ports(), spec.networks(), spec.health(), spec.stopGrace(), spec.logDriver(), spec.after());
    }

    private static String runAttached(DockerEngine engine, String id, Runnable start) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Attachment attachment = engine.attach(id, out, out);
        start.run();
        assertThat(engine.waitForExit(id).get(30, TimeUnit.SECONDS)).isZero();
        assertThat(attachment.awaitEnd(Duration.ofSeconds(10))).isTrue();
        engine.removeContainer(id, true);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String firstInstant(String output) {
        assertThat(output).contains(LATER);
        return output.substring(0, output.indexOf(LATER));
    }

    private static String later(String output) {
        return output.substring(output.indexOf(LATER));
    }

    /** Non-loopback IPv4 addresses in {@code ip addr} output: one per connected network. */
    private static long addresses(String ipAddr) {
        return ADDRESS.matcher(ipAddr).results().map(m -> m.group(1)).filter(ip -> !ip.startsWith("127.")).count();
    }
}
