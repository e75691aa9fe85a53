/**
 * Containers for Synapse, its workers and the router, the way they should start: the spec file
 * ({@link io.synapserouter.launcher.container.SpecFile}), and the create → connect every network →
 * start lifecycle ({@link io.synapserouter.launcher.container.ContainerLifecycle}) that gives a container
 * all of its networks at its first instant. On top of it: supervising one container as a systemd unit
 * would ({@link io.synapserouter.launcher.container.ContainerRunner}), bringing a whole spec up and down
 * in dependency order ({@link io.synapserouter.launcher.container.StackRunner}), the equivalent
 * {@code docker} commands ({@link io.synapserouter.launcher.container.DockerCliScript}) and systemd units
 * ({@link io.synapserouter.launcher.container.SystemdUnits}).
 */
package io.synapserouter.launcher.container;
