package io.synapserouter.routing.config;

import io.synapserouter.core.config.HostPort;

/**
 * Synapse's main process.
 *
 * @param client     its client-server listener (pool {@code main})
 * @param federation its federation listener (pool {@code main_federation}); defaults to {@code client}
 */
public record SynapseSettings(HostPort client, HostPort federation) {
}
