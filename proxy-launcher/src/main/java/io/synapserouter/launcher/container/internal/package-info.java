/**
 * The spec file's reader (on {@code core.config}'s located YAML tree, so every error names its line,
 * column and key), env and label files, and the translation of a spec into the Engine's create request.
 */
package io.synapserouter.launcher.container.internal;
