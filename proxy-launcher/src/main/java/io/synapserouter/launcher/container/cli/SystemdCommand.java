package io.synapserouter.launcher.container.cli;

import io.synapserouter.launcher.cli.ExitCodes;
import io.synapserouter.launcher.container.SpecFile;
import io.synapserouter.launcher.container.SystemdUnits;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code systemd --spec FILE}: one service unit per container, each running {@code container run}. */
@Command(name = "systemd",
        description = {"Print (or write) one systemd service per container of the spec. Each runs",
                "'container run --spec FILE NAME' with Restart=always; after: becomes Requires=/After=."})
public final class SystemdCommand implements Callable<Integer> {

    private static final String DEFAULT_JAR = "/opt/synapse-router/synapse-router.jar";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The containers spec (YAML).")
    Path spec;

    @Option(names = "--output-dir", paramLabel = "DIR", description = "Write NAME.service files here instead of printing them.")
    Path outputDir;

    @Option(names = "--java", defaultValue = "/usr/bin/java", description = "The java the units run. Default: ${DEFAULT-VALUE}")
    String java;

    @Option(names = "--jar", paramLabel = "PATH",
            description = "The launcher jar the units run. Default: this jar, else " + DEFAULT_JAR)
    String jar;

    @Option(names = "--docker-unit", defaultValue = "docker.service",
            description = "The Engine's unit, required by every unit ('' for none). Default: ${DEFAULT-VALUE}")
    String dockerUnit;

    @Option(names = "--docker-host", defaultValue = "", paramLabel = "URI",
            description = "A DOCKER_HOST to set in the units. Default: none (the Engine's default socket)")
    String dockerHost;

    @Override
    public Integer call() {
        return CommandFailures.run(command.commandLine().getErr(), "systemd", () -> {
            SpecFile file = SpecFile.read(spec);
            List<SystemdUnits.Unit> units = SystemdUnits.of(file, new SystemdUnits.Settings(
                    List.of(java, "-jar", jar != null ? jar : runningJar()), dockerUnit, dockerHost));
            PrintWriter out = command.commandLine().getOut();
            if (outputDir == null) {
                for (SystemdUnits.Unit unit : units) {
                    out.println("# ---- " + unit.fileName() + " ----");
                    out.print(unit.text());
                }
            } else {
                try {
                    Files.createDirectories(outputDir);
                    for (SystemdUnits.Unit unit : units) {
                        Files.writeString(outputDir.resolve(unit.fileName()), unit.text());
                        out.println(outputDir.resolve(unit.fileName()));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write units to " + outputDir + ": " + e.getMessage(), e);
                }
            }
            out.flush();
            return ExitCodes.OK;
        });
    }

    /** The jar this class was loaded from, when it was loaded from a jar. */
    private static String runningJar() {
        try {
            var source = SystemdCommand.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                Path path = Path.of(source.getLocation().toURI());
                if (path.toString().endsWith(".jar")) {
                    return path.toAbsolutePath().toString();
                }
            }
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            // fall through to the conventional place
        }
        return DEFAULT_JAR;
    }
}
