package io.synapserouter.core.server;

/**
 * A snapshot of the engine's connections, for gauges.
 *
 * @param clientConnections       open client connections on every listener
 * @param upstreamConnections     open upstream connections, busy or idle
 * @param idleUpstreamConnections upstream connections parked in the keep-alive pools
 * @param activeExchanges         requests whose head has arrived and whose exchange has not finished
 */
public record ConnectionStats(int clientConnections, int upstreamConnections, int idleUpstreamConnections, int activeExchanges) {
}
