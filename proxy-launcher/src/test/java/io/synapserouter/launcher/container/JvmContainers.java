package io.synapserouter.launcher.container;

import io.synapserouter.launcher.docker.TestEngine;
import java.nio.file.Path;

/**
 * Spec snippets for containers that run our jar on the host's JVM: the JVM-capable test image (busybox
 * plus {@code lib -> usr/lib}) with the host's {@code /usr} and {@code /etc/java-17-openjdk} bind-mounted
 * read-only, and the shaded jar at {@code /opt/synapse-router.jar}. Hardened as MDAD runs Synapse.
 */
final class JvmContainers {

    private JvmContainers() {
    }

    /** The java binary inside the container: the host's own, through the /usr bind mount. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The container body (indented for a {@code containers:} entry) running {@code java javaArgs…}.
     *
     * @param mounts more mount entries, each a line {@code "      - { … }\n"}
     * @param extra  more keys, each a line indented by four spaces
     */
    static String container(String javaArgs, String networks, String mounts, String extra) {
        return """
                    image: %s
                    entrypoint: [%s, -XX:-UsePerfData, -XX:TieredStopAtLevel=1, -Xshare:auto, -Djava.io.tmpdir=/tmp]
                    command: [%s]
                    user: "65534:65534"
                    read_only: true
                    cap_drop: [ALL]
                    tmpfs: { /tmp: "rw,noexec,nosuid,size=16m" }
                    mounts:
                      - { source: /usr, target: /usr, read_only: true }
                      - { source: /etc/java-17-openjdk, target: /etc/java-17-openjdk, read_only: true }
                      - { source: %s, target: /opt/synapse-router.jar, read_only: true }
                %s    networks: %s
                    stop_grace: 5s
                %s""".formatted(TestEngine.JVM, java(), javaArgs, LauncherProcess.jar(), mounts, networks, extra);
    }

    /** A Synapse stand-in main process listening on 8008, healthy once /health answers. */
    static String standin(String networks, String extra) {
        return container("-Xmx64m, -cp, /opt/synapse-router.jar, io.synapserouter.standin.StandinMain, "
                        + "--listen, '0.0.0.0:8008', --name, main, --token, 'tok=@alice:example.org'",
                networks, "",
                "    health: { test: \"wget -q -O /dev/null http://127.0.0.1:8008/health\", interval: 500ms, timeout: 3s, retries: 120 }\n"
                        + extra);
    }
}
