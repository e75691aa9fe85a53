package io.synapserouter.core.config;

/**
 * One proxy listener.
 *
 * @param name         {@code client} or {@code federation}; it names the listener in logs and metrics
 * @param host         the bind address (numeric, or {@code 0.0.0.0})
 * @param port         the bind port; 0 picks an ephemeral one (tests)
 * @param maxBodyBytes the largest request body accepted; larger ones get 413
 */
public record ListenerSettings(String name, String host, int port, long maxBodyBytes) {
}
