/**
 * The launcher: the command line ({@code run}, {@code check}, {@code demo}, {@code container}), the
 * wiring of config into a running proxy, and the Docker Engine container lifecycle.
 */
package io.synapserouter.launcher;
