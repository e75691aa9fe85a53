package io.synapserouter.launcher.container.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synapserouter.launcher.container.ContainerSpec;
import io.synapserouter.launcher.container.ContainerSpec.HealthCheckSpec;
import io.synapserouter.launcher.container.ContainerSpec.MountSpec;
import io.synapserouter.launcher.container.ContainerSpec.NetworkSpec;
import io.synapserouter.launcher.container.PortSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /containers/create} for a spec: the container joins only its PRIMARY network
 * here (with its aliases); the others are connected by the lifecycle before start. No restart policy
 * (systemd restarts), no TTY (so the attach stream is multiplexed), no auto-remove (the launcher
 * removes, after it has read the exit code).
 */
public final class CreateRequest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CreateRequest() {
    }

    public static ObjectNode of(ContainerSpec spec, Map<String, String> environment) {
        ObjectNode body = JSON.createObjectNode();
        body.put("Image", spec.image());
        if (spec.entrypoint() != null) {
            strings(body.putArray("Entrypoint"), spec.entrypoint());
        }
        if (!spec.command().isEmpty()) {
            strings(body.putArray("Cmd"), spec.command());
        }
        ArrayNode env = body.putArray("Env");
        env(spec, environment).forEach((k, v) -> env.add(k + "=" + v));
        if (spec.user() != null) {
            body.put("User", spec.user());
        }
        ObjectNode labels = body.putObject("Labels");
        labels(spec).forEach(labels::put);
        body.put("AttachStdout", true);
        body.put("AttachStderr", true);
        body.put("Tty", false);
        body.put("OpenStdin", false);
        body.put("StopTimeout", spec.stopGrace().toSeconds());
        if (spec.health() != null) {
            health(body.putObject("Healthcheck"), spec.health());
        }
        if (!spec.ports().isEmpty()) {
            ObjectNode exposed = body.putObject("ExposedPorts");
            spec.ports().forEach(p -> exposed.putObject(p.containerKey()));
        }

        ObjectNode host = body.putObject("HostConfig");
        NetworkSpec primary = spec.primaryNetwork();
        host.put("NetworkMode", primary.name());
        host.put("ReadonlyRootfs", spec.readOnly());
        strings(host.putArray("CapDrop"), spec.capDrop());
        strings(host.putArray("CapAdd"), spec.capAdd());
        if (!spec.tmpfs().isEmpty()) {
            ObjectNode tmpfs = host.putObject("Tmpfs");
            spec.tmpfs().forEach(tmpfs::put);
        }
        ArrayNode mounts = host.putArray("Mounts");
        for (MountSpec m : spec.mounts()) {
            ObjectNode mount = mounts.addObject();
            mount.put("Type", m.type());
            mount.put("Source", m.source());
            mount.put("Target", m.target());
            mount.put("ReadOnly", m.readOnly());
        }
        if (!spec.ports().isEmpty()) {
            ObjectNode bindings = host.putObject("PortBindings");
            for (PortSpec p : spec.ports()) {
                ArrayNode list = bindings.has(p.containerKey()) ? (ArrayNode) bindings.get(p.containerKey()) : bindings.putArray(p.containerKey());
                ObjectNode binding = list.addObject();
                binding.put("HostIp", p.hostIp());
                binding.put("HostPort", p.hostPort() == 0 ? "" : Integer.toString(p.hostPort()));
            }
        }
        if (spec.logDriver() != null) {
            ObjectNode log = host.putObject("LogConfig");
            log.put("Type", spec.logDriver().type());
            ObjectNode options = log.putObject("Config");
            spec.logDriver().options().forEach(options::put);
        }
        host.putObject("RestartPolicy").put("Name", "no");
        host.put("AutoRemove", false);

        if (!primary.isHostOrNone()) {
            ObjectNode endpoint = body.putObject("NetworkingConfig").putObject("EndpointsConfig").putObject(primary.name());
            if (!primary.aliases().isEmpty()) {
                strings(endpoint.putArray("Aliases"), primary.aliases());
            }
        }
        return body;
    }

    /** Env files in order, then {@code env:} on top. */
    public static Map<String, String> env(ContainerSpec spec, Map<String, String> environment) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Path file : spec.envFiles()) {
            env.putAll(KeyValueFile.read(file, true, environment));
        }
        env.putAll(spec.env());
        return env;
    }

    /** Label files in order, then {@code labels:} on top. */
    public static Map<String, String> labels(ContainerSpec spec) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (Path file : spec.labelFiles()) {
            labels.putAll(KeyValueFile.read(file, false, Map.of()));
        }
        labels.putAll(spec.labels());
        return labels;
    }

    private static void health(ObjectNode node, HealthCheckSpec health) {
        strings(node.putArray("Test"), health.test());
        node.put("Interval", nanos(health.interval()));
        node.put("Timeout", nanos(health.timeout()));
        node.put("Retries", health.retries());
        node.put("StartPeriod", nanos(health.startPeriod()));
    }

    /** The Engine wants nanoseconds; 0 means "inherit the default". */
    private static long nanos(Duration d) {
        return d == null ? 0 : d.toNanos();
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
