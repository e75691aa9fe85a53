package io.synapserouter.launcher.container.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code container run|up|down}: the container lifecycle through the Docker Engine API. */
@Command(name = "container",
        description = "Run containers the create → connect → start way: all networks from the first instant.",
        subcommands = {ContainerRunCommand.class, ContainerUpCommand.class, ContainerDownCommand.class})
public final class ContainerCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
