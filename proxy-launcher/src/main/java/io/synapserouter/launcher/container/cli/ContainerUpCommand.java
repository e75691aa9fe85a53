package io.synapserouter.launcher.container.cli;

import io.synapserouter.launcher.cli.ExitCodes;
import io.synapserouter.launcher.container.DockerCliScript;
import io.synapserouter.launcher.container.SpecFile;
import io.synapserouter.launcher.container.StackRunner;
import io.synapserouter.launcher.docker.DockerEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code container up --spec FILE}: every container, in dependency order, detached. */
@Command(name = "up",
        description = {"Start every container of the spec in dependency order (after:), waiting for health where asked.",
                "Containers run detached: nothing supervises them and their output stays with their log driver",
                "(use 'container run' under systemd for supervision)."})
final class ContainerUpCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The containers spec (YAML).")
    Path spec;

    @Option(names = "--dry-run", description = "Print the equivalent docker commands instead of calling the Engine.")
    boolean dryRun;

    @Option(names = "--timeout", defaultValue = "180s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long to wait for each dependency to start or be healthy. Default: ${DEFAULT-VALUE}")
    Duration timeout;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() {
        return CommandFailures.run(command.commandLine().getErr(), "container up", () -> {
            SpecFile file = SpecFile.read(spec);
            if (dryRun) {
                command.commandLine().getOut().print(DockerCliScript.up(file, timeout));
                command.commandLine().getOut().flush();
                return ExitCodes.OK;
            }
            try (DockerEngine docker = engine.connect()) {
                new StackRunner(docker, file, timeout).up();
            }
            return ExitCodes.OK;
        });
    }
}
