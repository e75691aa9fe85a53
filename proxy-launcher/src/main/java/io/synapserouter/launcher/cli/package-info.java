/**
 * The command line: one picocli command per verb, and the exit codes they share
 * ({@link io.synapserouter.launcher.cli.ExitCodes}).
 */
package io.synapserouter.launcher.cli;
