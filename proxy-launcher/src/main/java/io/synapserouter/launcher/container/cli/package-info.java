/**
 * The {@code container run|up|down} and {@code systemd} commands (picocli), registered under the
 * launcher's root command.
 */
package io.synapserouter.launcher.container.cli;
