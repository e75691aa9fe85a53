package io.synapserouter.launcher;

import io.synapserouter.launcher.cli.RootCommand;
import picocli.CommandLine;

/** Entry point of {@code synapse-router.jar}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(RootCommand.commandLine().execute(args));
    }
}
