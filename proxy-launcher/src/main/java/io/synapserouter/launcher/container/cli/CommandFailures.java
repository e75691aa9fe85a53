package io.synapserouter.launcher.container.cli;

import io.synapserouter.launcher.cli.ExitCodes;
import io.synapserouter.core.config.ConfigException;
import io.synapserouter.launcher.docker.DockerException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

/** Runs a command body and turns the failures we expect into one clear line and an exit code. */
final class CommandFailures {

    private CommandFailures() {
    }

    static int run(PrintWriter err, String command, Callable<Integer> body) {
        try {
            return body.call();
        } catch (ConfigException e) {
            err.println(command + ": " + e.getMessage());
            return ExitCodes.CONFIG;
        } catch (DockerException | IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
            err.println(command + ": " + e.getMessage());
            return ExitCodes.FAILURE;
        } catch (Exception e) {
            err.println(command + ": " + e);
            return ExitCodes.FAILURE;
        } finally {
            err.flush();
        }
    }
}
