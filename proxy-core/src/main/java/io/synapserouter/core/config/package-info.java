/**
 * Configuration: the immutable settings records the engine runs on, and the YAML reading machinery
 * (variable substitution, durations, sizes, errors that name the key and line) that every module's
 * config uses.
 */
package io.synapserouter.core.config;
