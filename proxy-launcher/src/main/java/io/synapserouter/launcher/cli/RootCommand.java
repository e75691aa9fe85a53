package io.synapserouter.launcher.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code synapse-router}: the command tree. */
@Command(
        name = "synapse-router",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A reverse proxy for Matrix Synapse and its workers.",
        subcommands = {
            RunCommand.class,
            CheckCommand.class,
            DemoCommand.class,
            HealthcheckCommand.class,
            io.synapserouter.launcher.container.cli.ContainerCommand.class,
            io.synapserouter.launcher.container.cli.SystemdCommand.class,
            CommandLine.HelpCommand.class})
public final class RootCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The configured command line, shared by {@code Main} and tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new RootCommand());
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
