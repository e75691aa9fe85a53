package io.synapserouter.launcher.container.cli;

import io.synapserouter.launcher.cli.ExitCodes;
import io.synapserouter.launcher.container.DockerCliScript;
import io.synapserouter.launcher.container.SpecFile;
import io.synapserouter.launcher.container.StackRunner;
import io.synapserouter.launcher.docker.DockerEngine;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code container down --spec FILE}: stop and remove every container, dependents first. */
@Command(name = "down", description = "Stop (with each stop_grace) and remove every container of the spec, in reverse dependency order.")
final class ContainerDownCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The containers spec (YAML).")
    Path spec;

    @Option(names = "--dry-run", description = "Print the equivalent docker commands instead of calling the Engine.")
    boolean dryRun;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() {
        return CommandFailures.run(command.commandLine().getErr(), "container down", () -> {
            SpecFile file = SpecFile.read(spec);
            if (dryRun) {
                command.commandLine().getOut().print(DockerCliScript.down(file));
                command.commandLine().getOut().flush();
                return ExitCodes.OK;
            }
            try (DockerEngine docker = engine.connect()) {
                new StackRunner(docker, file, java.time.Duration.ZERO).down();
            }
            return ExitCodes.OK;
        });
    }
}
