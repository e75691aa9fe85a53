package io.synapserouter.launcher.cli;

import io.synapserouter.core.config.ConfigException;
import io.synapserouter.routing.config.RouterConfig;
import io.synapserouter.routing.config.RouterConfigLoader;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Loads a config file for a command, reporting problems the same way everywhere. */
final class ConfigErrors {

    private ConfigErrors() {
    }

    /** The validated config, or null after printing every problem to {@code err}. */
    static RouterConfig load(Path file, PrintWriter err) {
        try {
            return RouterConfigLoader.load(file);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            err.flush();
            return null;
        }
    }
}
