/**
 * The spec file's reader (a YAML tree that remembers lines, so every error names its key and line),
 * env and label files, and the translation of a spec into the Engine's create request.
 */
package io.synapserouter.launcher.container.internal;
