package io.synapserouter.launcher.container.internal;

import io.synapserouter.launcher.container.ContainerSpec;
import io.synapserouter.launcher.container.ContainerSpec.Dependency;
import io.synapserouter.launcher.container.ContainerSpec.HealthCheckSpec;
import io.synapserouter.launcher.container.ContainerSpec.LogDriverSpec;
import io.synapserouter.launcher.container.ContainerSpec.MountSpec;
import io.synapserouter.launcher.container.ContainerSpec.NetworkSpec;
import io.synapserouter.launcher.container.ContainerSpec.WaitFor;
import io.synapserouter.launcher.container.DependencyOrder;
import io.synapserouter.launcher.container.PortSpec;
import io.synapserouter.launcher.container.SpecException;
import io.synapserouter.launcher.container.SpecFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads a spec file into validated records; every problem names the file, line and key. */
public final class SpecReader {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final Pattern CAPABILITY = Pattern.compile("[A-Za-z_]+");
    private static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(10);

    private final YamlObject root;
    private final Path baseDir;

    private SpecReader(YamlObject root, Path source) {
        this.root = root;
        Path parent = source.toAbsolutePath().getParent();
        this.baseDir = parent == null ? Path.of("/") : parent;
    }

    public static SpecFile read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new SpecException(file + ": cannot read the spec file: " + e.getMessage(), e);
        }
        return parse(text, file);
    }

    public static SpecFile parse(String yaml, Path source) {
        String name = source.toString();
        SpecReader reader = new SpecReader(new YamlObject(name, "", YamlTree.parse(yaml, name)), source);
        return reader.readFile(source.toAbsolutePath().normalize());
    }

    private SpecFile readFile(Path source) {
        YamlObject containersNode = root.objectAt("containers");
        root.finish();
        Map<String, ContainerSpec> containers = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (YamlNode.Entry entry : containersNode.entries()) {
            String at = "containers." + entry.key();
            if (!NAME.matcher(entry.key()).matches()) {
                throw containersNode.error(entry.line(), at, "not a valid container name (letters, digits, _ . -; starting with a letter or digit)");
            }
            containers.put(entry.key(), container(entry.key(), containersNode.object(entry)));
            lines.put(entry.key(), entry.line());
        }
        if (containers.isEmpty()) {
            throw root.error(containersNode.line(), "containers", "no containers defined");
        }
        Map<String, List<String>> dependencies = new LinkedHashMap<>();
        containers.forEach((name, spec) -> {
            List<String> names = new ArrayList<>();
            for (Dependency dependency : spec.after()) {
                if (!containers.containsKey(dependency.name())) {
                    throw root.error(lines.get(name), "containers." + name + ".after",
                            "'" + dependency.name() + "' is not a container of this file");
                }
                if (dependency.name().equals(name)) {
                    throw root.error(lines.get(name), "containers." + name + ".after", "a container cannot come after itself");
                }
                names.add(dependency.name());
            }
            dependencies.put(name, names);
        });
        List<String> order;
        try {
            order = DependencyOrder.of(dependencies);
        } catch (IllegalArgumentException e) {
            throw new SpecException(root.source() + ": containers.*.after: " + e.getMessage());
        }
        return new SpecFile(source, containers, order);
    }

    private ContainerSpec container(String name, YamlObject c) {
        Optional<YamlNode> restart = c.get("restart");
        if (restart.isPresent()) {
            throw c.error(restart.get().line(), c.path("restart"),
                    "not supported: systemd restarts the container (the generated unit has Restart=always), "
                            + "so the Engine must not restart it behind systemd's back");
        }
        String image = c.requireString("image");
        List<String> entrypoint = c.get("entrypoint").map(v -> c.strings(v, c.path("entrypoint"), false)).orElse(null);
        List<String> command = c.strings("command", false);
        Map<String, String> env = c.stringMap("env");
        List<Path> envFiles = c.strings("env_file", true).stream().map(this::resolve).toList();
        String user = c.string("user", null);
        boolean readOnly = c.bool("read_only", false);
        List<String> capDrop = capabilities(c, "cap_drop");
        List<String> capAdd = capabilities(c, "cap_add");
        Map<String, String> tmpfs = tmpfs(c);
        List<MountSpec> mounts = mounts(c);
        Map<String, String> labels = c.stringMap("labels");
        List<Path> labelFiles = c.strings("label_file", true).stream().map(this::resolve).toList();
        List<PortSpec> ports = ports(c);
        List<NetworkSpec> networks = networks(c, ports);
        HealthCheckSpec health = c.get("health").map(v -> health(c.objectAt("health"))).orElse(null);
        Duration stopGrace = c.duration("stop_grace", DEFAULT_STOP_GRACE);
        LogDriverSpec logDriver = c.get("log_driver").map(v -> logDriver(c, v)).orElse(null);
        List<Dependency> after = after(c);
        c.finish();
        return new ContainerSpec(name, image, entrypoint, command, env, envFiles, user, readOnly, capDrop, capAdd,
                tmpfs, mounts, labels, labelFiles, ports, networks, health, stopGrace, logDriver, after);
    }

    private static List<String> capabilities(YamlObject c, String key) {
        List<String> caps = c.strings(key, false);
        for (String cap : caps) {
            if (!CAPABILITY.matcher(cap).matches()) {
                throw c.error(c.get(key).get().line(), c.path(key), "'" + cap + "' is not a capability name (like ALL or NET_BIND_SERVICE)");
            }
        }
        return caps;
    }

    /** {@code tmpfs:} as a mapping (path: options) or a list of {@code path[:options]}. */
    private static Map<String, String> tmpfs(YamlObject c) {
        Map<String, String> out = new LinkedHashMap<>();
        Optional<YamlNode> value = c.get("tmpfs");
        if (value.isEmpty()) {
            return out;
        }
        if (value.get() instanceof YamlNode.Sequence) {
            for (String item : c.strings(value.get(), c.path("tmpfs"), false)) {
                int colon = item.indexOf(':');
                out.put(colon < 0 ? item : item.substring(0, colon), colon < 0 ? "" : item.substring(colon + 1));
            }
        } else {
            YamlObject map = c.object(value.get(), c.path("tmpfs"));
            for (YamlNode.Entry entry : map.entries()) {
                boolean empty = entry.value() instanceof YamlNode.Scalar s && s.text() == null;
                out.put(entry.key(), empty ? "" : map.scalar(entry.value(), map.path(entry.key())));
            }
        }
        for (String path : out.keySet()) {
            if (!path.startsWith("/")) {
                throw c.error(value.get().line(), c.path("tmpfs"), "'" + path + "' must be an absolute path");
            }
        }
        return out;
    }

    /** {@code mounts:} entries as mappings, or {@code source:target[:ro]} strings (bind mounts). */
    private List<MountSpec> mounts(YamlObject c) {
        List<MountSpec> out = new ArrayList<>();
        Optional<YamlNode> value = c.get("mounts");
        if (value.isEmpty()) {
            return out;
        }
        List<YamlNode> items = c.sequence(value.get(), c.path("mounts"));
        for (int i = 0; i < items.size(); i++) {
            String at = c.path("mounts") + "[" + i + "]";
            YamlNode item = items.get(i);
            MountSpec mount;
            if (item instanceof YamlNode.Scalar) {
                String[] parts = c.scalar(item, at).split(":");
                if (parts.length < 2 || parts.length > 3 || (parts.length == 3 && !parts[2].equals("ro") && !parts[2].equals("rw"))) {
                    throw c.error(item.line(), at, "expected source:target[:ro] or a mapping with type, source, target, read_only");
                }
                mount = new MountSpec("bind", parts[0], parts[1], parts.length == 3 && parts[2].equals("ro"));
            } else {
                YamlObject m = c.object(item, at);
                mount = new MountSpec(m.string("type", "bind"), m.requireString("source"), m.requireString("target"),
                        m.bool("read_only", false));
                m.finish();
            }
            if (!mount.type().equals("bind") && !mount.type().equals("volume")) {
                throw c.error(item.line(), at + ".type", "expected bind or volume, found '" + mount.type() + "'");
            }
            if (!mount.target().startsWith("/")) {
                throw c.error(item.line(), at + ".target", "'" + mount.target() + "' must be an absolute path");
            }
            if (mount.type().equals("bind")) {
                // The Engine wants absolute bind sources; relative ones mean "next to the spec file".
                mount = new MountSpec("bind", resolve(mount.source()).toString(), mount.target(), mount.readOnly());
            }
            out.add(mount);
        }
        return out;
    }

    private static List<PortSpec> ports(YamlObject c) {
        List<PortSpec> out = new ArrayList<>();
        Optional<YamlNode> value = c.get("ports");
        if (value.isEmpty()) {
            return out;
        }
        List<YamlNode> items = c.sequence(value.get(), c.path("ports"));
        for (int i = 0; i < items.size(); i++) {
            String at = c.path("ports") + "[" + i + "]";
            try {
                out.add(PortSpec.parse(c.scalar(items.get(i), at)));
            } catch (IllegalArgumentException e) {
                throw c.error(items.get(i).line(), at, e.getMessage());
            }
        }
        return out;
    }

    /** {@code networks:} entries as names or mappings with name and aliases; {@code bridge} when absent. */
    private static List<NetworkSpec> networks(YamlObject c, List<PortSpec> ports) {
        Optional<YamlNode> value = c.get("networks");
        if (value.isEmpty()) {
            return List.of(new NetworkSpec("bridge", List.of()));
        }
        List<NetworkSpec> out = new ArrayList<>();
        List<YamlNode> items = c.sequence(value.get(), c.path("networks"));
        for (int i = 0; i < items.size(); i++) {
            String at = c.path("networks") + "[" + i + "]";
            YamlNode item = items.get(i);
            NetworkSpec network;
            if (item instanceof YamlNode.Scalar) {
                network = new NetworkSpec(c.scalar(item, at), List.of());
            } else {
                YamlObject n = c.object(item, at);
                network = new NetworkSpec(n.requireString("name"), n.strings("aliases", false));
                n.finish();
            }
            if (out.stream().anyMatch(existing -> existing.name().equals(network.name()))) {
                throw c.error(item.line(), at, "network '" + network.name() + "' is listed twice");
            }
            if (network.isHostOrNone()) {
                if (i > 0 || items.size() > 1) {
                    throw c.error(item.line(), at, "'" + network.name() + "' cannot be combined with other networks");
                }
                if (!network.aliases().isEmpty()) {
                    throw c.error(item.line(), at, "'" + network.name() + "' takes no aliases");
                }
                if (!ports.isEmpty()) {
                    throw c.error(item.line(), at, "ports cannot be published with network '" + network.name() + "'");
                }
            }
            out.add(network);
        }
        if (out.isEmpty()) {
            throw c.error(value.get().line(), c.path("networks"), "list at least one network (the first is primary)");
        }
        return out;
    }

    private static HealthCheckSpec health(YamlObject h) {
        YamlNode testNode = h.require("test");
        List<String> test;
        if (testNode instanceof YamlNode.Scalar) {
            String command = h.scalar(testNode, h.path("test"));
            test = command.equals("NONE") ? List.of("NONE") : List.of("CMD-SHELL", command);
        } else {
            test = h.strings(testNode, h.path("test"), false);
            if (test.isEmpty() || !(test.get(0).equals("CMD") || test.get(0).equals("CMD-SHELL") || test.get(0).equals("NONE"))
                    || (test.get(0).equals("CMD-SHELL") && test.size() != 2)
                    || (test.get(0).equals("NONE") && test.size() != 1)
                    || (test.get(0).equals("CMD") && test.size() < 2)) {
                throw h.error(testNode.line(), h.path("test"),
                        "expected a shell command string, [CMD, program, args…], [CMD-SHELL, command] or NONE");
            }
        }
        HealthCheckSpec spec = new HealthCheckSpec(test, h.duration("interval", null), h.duration("timeout", null),
                h.integer("retries", 0), h.duration("start_period", null));
        h.finish();
        return spec;
    }

    private static LogDriverSpec logDriver(YamlObject c, YamlNode value) {
        if (value instanceof YamlNode.Scalar) {
            return new LogDriverSpec(c.scalar(value, c.path("log_driver")), Map.of());
        }
        YamlObject l = c.object(value, c.path("log_driver"));
        LogDriverSpec spec = new LogDriverSpec(l.requireString("type"), l.stringMap("options"));
        l.finish();
        return spec;
    }

    private static List<Dependency> after(YamlObject c) {
        List<Dependency> out = new ArrayList<>();
        Optional<YamlNode> value = c.get("after");
        if (value.isEmpty()) {
            return out;
        }
        List<YamlNode> items = c.sequence(value.get(), c.path("after"));
        for (int i = 0; i < items.size(); i++) {
            String at = c.path("after") + "[" + i + "]";
            YamlNode item = items.get(i);
            if (item instanceof YamlNode.Scalar) {
                out.add(new Dependency(c.scalar(item, at), WaitFor.STARTED));
                continue;
            }
            YamlObject d = c.object(item, at);
            String name = d.requireString("name");
            String wait = d.string("wait", "started");
            WaitFor waitFor = switch (wait) {
                case "started" -> WaitFor.STARTED;
                case "healthy" -> WaitFor.HEALTHY;
                default -> throw d.error(item.line(), d.path("wait"), "expected started or healthy, found '" + wait + "'");
            };
            d.finish();
            out.add(new Dependency(name, waitFor));
        }
        return out;
    }

    private Path resolve(String path) {
        return baseDir.resolve(path).normalize();
    }
}
