package io.synapserouter.launcher.container;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One container of a spec file, validated.
 *
 * @param name       the container name (also the systemd unit's name)
 * @param image      the image reference; it must already be present on the Engine
 * @param entrypoint replaces the image's entrypoint, or null to keep it
 * @param command    the command (arguments to the entrypoint); empty keeps the image's
 * @param env        environment, applied after (so overriding) the env files
 * @param envFiles   {@code KEY=VALUE} files, read when the container is created
 * @param user       {@code uid[:gid]} or a name, or null for the image's user
 * @param readOnly   a read-only root filesystem
 * @param capDrop    capabilities to drop ({@code ALL} drops all)
 * @param capAdd     capabilities to add back
 * @param tmpfs      tmpfs mounts: path → options ({@code rw,noexec,nosuid,size=100m}), in order
 * @param mounts     bind and volume mounts
 * @param labels     labels, applied after the label files
 * @param labelFiles {@code KEY=VALUE} label files, read when the container is created
 * @param ports      published ports
 * @param networks   the networks; the first is primary (the container is created on it), the others
 *                   are connected before start. Never empty ({@code bridge} by default).
 * @param health     the health check, or null to keep the image's
 * @param stopGrace  how long a stop waits after SIGTERM before the Engine kills
 * @param logDriver  the log driver, or null for the Engine's default
 * @param after      containers that must be up (started, or healthy) before this one starts
 */
public record ContainerSpec(
        String name,
        String image,
        List<String> entrypoint,
        List<String> command,
        Map<String, String> env,
        List<Path> envFiles,
        String user,
        boolean readOnly,
        List<String> capDrop,
        List<String> capAdd,
        Map<String, String> tmpfs,
        List<MountSpec> mounts,
        Map<String, String> labels,
        List<Path> labelFiles,
        List<PortSpec> ports,
        List<NetworkSpec> networks,
        HealthCheckSpec health,
        Duration stopGrace,
        LogDriverSpec logDriver,
        List<Dependency> after) {

    public ContainerSpec {
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        command = List.copyOf(command);
        env = OrderedMaps.copyOf(env);
        envFiles = List.copyOf(envFiles);
        capDrop = List.copyOf(capDrop);
        capAdd = List.copyOf(capAdd);
        tmpfs = OrderedMaps.copyOf(tmpfs);
        mounts = List.copyOf(mounts);
        labels = OrderedMaps.copyOf(labels);
        labelFiles = List.copyOf(labelFiles);
        ports = List.copyOf(ports);
        networks = List.copyOf(networks);
        after = List.copyOf(after);
        if (networks.isEmpty()) {
            throw new IllegalArgumentException("a container needs at least one network");
        }
    }

    public NetworkSpec primaryNetwork() {
        return networks.get(0);
    }

    /**
     * The networks connected after create: none when the primary is {@code host} or {@code none}
     * (those cannot be combined with others), else every network but the first.
     */
    public List<NetworkSpec> extraNetworks() {
        return primaryNetwork().isHostOrNone() ? List.of() : networks.subList(1, networks.size());
    }

    /** A dependency: {@code name} must have started, or be healthy, before this container starts. */
    public record Dependency(String name, WaitFor waitFor) {
    }

    public enum WaitFor {
        STARTED, HEALTHY;

        public String spelling() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A network and this container's aliases on it (other containers find it by these names). */
    public record NetworkSpec(String name, List<String> aliases) {
        public NetworkSpec {
            aliases = List.copyOf(aliases);
        }

        public boolean isHostOrNone() {
            return name.equals("host") || name.equals("none");
        }
    }

    /**
     * A mount.
     *
     * @param type     {@code bind} or {@code volume}
     * @param source   an absolute host path (bind) or a volume name
     * @param target   the absolute path inside the container
     * @param readOnly mounted read-only
     */
    public record MountSpec(String type, String source, String target, boolean readOnly) {
    }

    /**
     * The health check the Engine runs inside the container.
     *
     * @param test        the Engine's form: {@code ["CMD", args…]}, {@code ["CMD-SHELL", "command"]}
     *                    or {@code ["NONE"]}
     * @param interval    time between checks (null: the Engine's default, 30 s)
     * @param timeout     how long one check may take (null: 30 s)
     * @param retries     consecutive failures that make it unhealthy (0: the Engine's default, 3)
     * @param startPeriod failures during this time after start do not count (null: 0)
     */
    public record HealthCheckSpec(List<String> test, Duration interval, Duration timeout, int retries, Duration startPeriod) {
        public HealthCheckSpec {
            test = List.copyOf(test);
        }

        public boolean disabled() {
            return test.size() == 1 && test.get(0).equals("NONE");
        }
    }

    /** A log driver and its options ({@code none}, {@code journald}, {@code json-file}, …). */
    public record LogDriverSpec(String type, Map<String, String> options) {
        public LogDriverSpec {
            options = OrderedMaps.copyOf(options);
        }
    }
}
