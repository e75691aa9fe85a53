package io.synapserouter.launcher.container;

import io.synapserouter.launcher.container.ContainerSpec.Dependency;
import io.synapserouter.launcher.container.ContainerSpec.HealthCheckSpec;
import io.synapserouter.launcher.container.ContainerSpec.MountSpec;
import io.synapserouter.launcher.container.ContainerSpec.NetworkSpec;
import io.synapserouter.launcher.container.ContainerSpec.WaitFor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code docker} commands equivalent to what the launcher does through the Engine API, for
 * {@code --dry-run}: a POSIX shell script. Env and label files are passed as files, never expanded.
 * Two spellings differ from the API call: the CLI's {@code --entrypoint} takes one word (further
 * entrypoint words go before the command), and {@code --health-cmd} is always run by a shell.
 */
public final class DockerCliScript {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");

    private DockerCliScript() {
    }

    /** {@code up}: each container in start order, with the waits for healthy dependencies. */
    public static String up(SpecFile spec, Duration waitTimeout) {
        StringBuilder script = header(spec, "up");
        for (ContainerSpec container : spec.inStartOrder()) {
            script.append('\n').append("# ").append(container.name()).append('\n');
            for (Dependency dependency : container.after()) {
                if (dependency.waitFor() == WaitFor.HEALTHY) {
                    script.append(waitHealthy(dependency.name(), waitTimeout)).append('\n');
                }
            }
            lines(script, bringUp(container));
        }
        return script.toString();
    }

    /** {@code down}: stop and remove, dependents first. */
    public static String down(SpecFile spec) {
        StringBuilder script = header(spec, "down");
        List<ContainerSpec> order = new ArrayList<>(spec.inStartOrder());
        Collections.reverse(order);
        for (ContainerSpec container : order) {
            lines(script, removal(container));
        }
        return script.toString();
    }

    /** Remove a stale one, create on the primary network, connect the others, start. */
    public static List<String> bringUp(ContainerSpec spec) {
        List<String> commands = new ArrayList<>(removal(spec));
        commands.add(create(spec));
        for (NetworkSpec network : spec.extraNetworks()) {
            List<String> connect = new ArrayList<>(List.of("docker", "network", "connect"));
            network.aliases().forEach(a -> connect.addAll(List.of("--alias", a)));
            connect.add(network.name());
            connect.add(spec.name());
            commands.add(join(connect));
        }
        commands.add(join(List.of("docker", "start", spec.name())));
        return commands;
    }

    static List<String> removal(ContainerSpec spec) {
        String name = quote(spec.name());
        return List.of(
                "docker stop -t " + spec.stopGrace().toSeconds() + " " + name + " >/dev/null 2>&1 || true",
                "docker rm -f " + name + " >/dev/null 2>&1 || true",
                // a --rm removal may still be in progress: wait (bounded) until the name is free
                "i=0; while docker container inspect " + name + " >/dev/null 2>&1 && [ $i -lt 300 ]; do i=$((i+1)); sleep 0.1; done");
    }

    public static String create(ContainerSpec spec) {
        List<String> a = new ArrayList<>(List.of("docker", "create", "--name", spec.name()));
        NetworkSpec primary = spec.primaryNetwork();
        a.addAll(List.of("--network", primary.name()));
        primary.aliases().forEach(alias -> a.addAll(List.of("--network-alias", alias)));
        if (spec.user() != null) {
            a.addAll(List.of("--user", spec.user()));
        }
        if (spec.readOnly()) {
            a.add("--read-only");
        }
        spec.capDrop().forEach(c -> a.addAll(List.of("--cap-drop", c)));
        spec.capAdd().forEach(c -> a.addAll(List.of("--cap-add", c)));
        spec.tmpfs().forEach((path, options) -> a.addAll(List.of("--tmpfs", options.isEmpty() ? path : path + ":" + options)));
        for (MountSpec m : spec.mounts()) {
            a.addAll(List.of("--mount", "type=" + m.type() + ",source=" + m.source() + ",target=" + m.target()
                    + (m.readOnly() ? ",readonly" : "")));
        }
        spec.ports().forEach(p -> a.addAll(List.of("-p", p.toString())));
        for (Path file : spec.envFiles()) {
            a.addAll(List.of("--env-file", file.toString()));
        }
        spec.env().forEach((k, v) -> a.addAll(List.of("-e", k + "=" + v)));
        for (Path file : spec.labelFiles()) {
            a.addAll(List.of("--label-file", file.toString()));
        }
        spec.labels().forEach((k, v) -> a.addAll(List.of("--label", k + "=" + v)));
        if (spec.health() != null) {
            health(a, spec.health());
        }
        a.addAll(List.of("--stop-timeout", Long.toString(spec.stopGrace().toSeconds())));
        if (spec.logDriver() != null) {
            a.addAll(List.of("--log-driver", spec.logDriver().type()));
            spec.logDriver().options().forEach((k, v) -> a.addAll(List.of("--log-opt", k + "=" + v)));
        }
        List<String> command = new ArrayList<>();
        if (spec.entrypoint() != null) {
            a.addAll(List.of("--entrypoint", spec.entrypoint().isEmpty() ? "" : spec.entrypoint().get(0)));
            if (spec.entrypoint().size() > 1) {
                command.addAll(spec.entrypoint().subList(1, spec.entrypoint().size()));
            }
        }
        command.addAll(spec.command());
        a.add(spec.image());
        a.addAll(command);
        return join(a);
    }

    private static void health(List<String> a, HealthCheckSpec health) {
        if (health.disabled()) {
            a.add("--no-healthcheck");
            return;
        }
        String command = health.test().get(0).equals("CMD-SHELL")
                ? health.test().get(1)
                : join(health.test().subList(1, health.test().size()));
        a.addAll(List.of("--health-cmd", command));
        if (health.interval() != null) {
            a.addAll(List.of("--health-interval", goDuration(health.interval())));
        }
        if (health.timeout() != null) {
            a.addAll(List.of("--health-timeout", goDuration(health.timeout())));
        }
        if (health.retries() > 0) {
            a.addAll(List.of("--health-retries", Integer.toString(health.retries())));
        }
        if (health.startPeriod() != null) {
            a.addAll(List.of("--health-start-period", goDuration(health.startPeriod())));
        }
    }

    static String waitHealthy(String name, Duration timeout) {
        long tries = Math.max(1, timeout.toSeconds());
        String n = quote(name);
        return "i=0; until [ \"$(docker inspect -f '{{.State.Health.Status}}' " + n + " 2>/dev/null)\" = healthy ]; do"
                + " i=$((i+1)); [ $i -lt " + tries + " ] || { echo " + quote(name + " is not healthy after " + tries + " s")
                + " >&2; exit 1; }; sleep 1; done";
    }

    private static StringBuilder header(SpecFile spec, String what) {
        return new StringBuilder("#!/bin/sh\n# synapse-router container ").append(what).append(" --spec ")
                .append(spec.source()).append(" (dry run): the equivalent docker commands\nset -e\n");
    }

    private static void lines(StringBuilder script, List<String> commands) {
        commands.forEach(c -> script.append(c).append('\n'));
    }

    private static String goDuration(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    static String join(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String word : words) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(quote(word));
        }
        return sb.toString();
    }

    /** POSIX shell quoting: single quotes, with embedded single quotes spelled {@code '\''}. */
    static String quote(String word) {
        if (!word.isEmpty() && SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
