package io.synapserouter.launcher.container.cli;

import io.synapserouter.launcher.cli.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Runs the container commands on their own ({@code java -cp synapse-router.jar
 * io.synapserouter.launcher.container.cli.ContainerMain container run …}); the launcher's root command
 * registers the same {@link ContainerCommand} and {@link SystemdCommand}.
 */
@Command(name = "synapse-router", mixinStandardHelpOptions = true,
        subcommands = {ContainerCommand.class, SystemdCommand.class})
public final class ContainerMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ContainerMain());
        cli.setExitCodeExceptionMapper(e -> ExitCodes.FAILURE);
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println(e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return ExitCodes.CONFIG;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
