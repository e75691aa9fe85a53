/**
 * The {@code container run|up|down} and {@code systemd} commands (picocli). {@link
 * io.synapserouter.launcher.container.cli.ContainerCommand} and {@link
 * io.synapserouter.launcher.container.cli.SystemdCommand} are meant to be registered as subcommands of
 * the launcher's root command; {@link io.synapserouter.launcher.container.cli.ContainerMain} runs them
 * on their own.
 */
package io.synapserouter.launcher.container.cli;
