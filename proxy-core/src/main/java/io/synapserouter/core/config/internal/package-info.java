/**
 * The inside of config reading: environment variable substitution and near-miss suggestions. Only
 * {@code io.synapserouter.core.config} uses these; other modules go through its public classes.
 */
package io.synapserouter.core.config.internal;
