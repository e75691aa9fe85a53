package io.synapserouter.launcher.container.cli;

import io.synapserouter.launcher.container.ContainerRunner;
import io.synapserouter.launcher.container.ContainerSpec;
import io.synapserouter.launcher.container.SpecFile;
import io.synapserouter.launcher.docker.DockerEngine;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code container run --spec FILE NAME}: the unit of supervision. Exits with the container's exit
 * code; after SIGTERM or SIGINT it stops and removes the container and the JVM exits 143 or 130.
 */
@Command(name = "run",
        description = {"Run one container of the spec in the foreground, as a systemd unit would: remove a stale one,",
                "create it on its primary network, connect the others, start it, stream its output, and exit with",
                "its exit code. SIGTERM/SIGINT stop it (with its stop_grace) and remove it."})
final class ContainerRunCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The containers spec (YAML).")
    Path spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The container to run.")
    String name;

    @Option(names = "--wait-healthy",
            description = "Log the ready line only once the Engine reports the container healthy.")
    boolean waitHealthy;

    @Option(names = "--dependency-timeout", defaultValue = "180s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long to wait for each container this one comes after. Default: ${DEFAULT-VALUE}")
    Duration dependencyTimeout;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() {
        return CommandFailures.run(command.commandLine().getErr(), "container run", () -> {
            ContainerSpec container = SpecFile.read(spec).container(name);
            try (DockerEngine docker = engine.connect()) {
                // Raw descriptors: the container's bytes go out as they come, not through a charset.
                ContainerRunner runner = new ContainerRunner(docker, container,
                        new ContainerRunner.Options(waitHealthy, dependencyTimeout),
                        new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err));
                // A shutdown hook, not a signal handler: SIGTERM and SIGINT both start JVM shutdown,
                // the hook stops and removes the container with its grace, and the JVM then exits
                // 143 (SIGTERM) or 130 (SIGINT), which the generated units declare a success.
                Thread hook = new Thread(runner::stop, "stop-" + name);
                Runtime.getRuntime().addShutdownHook(hook);
                int exitCode = runner.run();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running already: it finishes the stop
                }
                return exitCode;
            }
        });
    }
}
