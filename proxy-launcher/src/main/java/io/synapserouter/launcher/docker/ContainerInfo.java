package io.synapserouter.launcher.docker;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The parts of {@code GET /containers/{id}/json} the lifecycle looks at.
 *
 * @param id        the full container id
 * @param name      the name, without Docker's leading slash
 * @param status    {@code created}, {@code running}, {@code exited}, {@code removing}, …
 * @param running   whether the container's process runs
 * @param exitCode  the last exit code
 * @param startedAt when it last started, or null if it never did
 * @param health    {@code starting}, {@code healthy}, {@code unhealthy}, or null without a health check
 * @param networks  the networks it is connected to
 * @param ports     published ports: {@code "8008/tcp"} → the host ports ({@code "127.0.0.1:49153"})
 */
public record ContainerInfo(String id, String name, String status, boolean running, int exitCode, Instant startedAt,
                            String health,
                            List<String> networks, Map<String, List<String>> ports) {

    public ContainerInfo {
        networks = List.copyOf(networks);
        ports = Map.copyOf(ports);
    }

    public boolean healthy() {
        return "healthy".equals(health);
    }

    /** The host port published for {@code containerPort} ("8008/tcp"), or -1. */
    public int hostPort(String containerPort) {
        List<String> bindings = ports.get(containerPort);
        if (bindings == null || bindings.isEmpty()) {
            return -1;
        }
        String first = bindings.get(0);
        return Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
    }
}
