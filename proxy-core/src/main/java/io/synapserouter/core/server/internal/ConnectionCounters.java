package io.synapserouter.core.server.internal;

import io.synapserouter.core.server.ConnectionStats;
import java.util.concurrent.atomic.AtomicInteger;

/** Live connection and exchange counts, updated from every event loop and read by gauges. */
public final class ConnectionCounters {

    final AtomicInteger clientConnections = new AtomicInteger();
    final AtomicInteger upstreamConnections = new AtomicInteger();
    final AtomicInteger idleUpstreamConnections = new AtomicInteger();
    final AtomicInteger activeExchanges = new AtomicInteger();

    public ConnectionStats snapshot() {
        return new ConnectionStats(clientConnections.get(), upstreamConnections.get(),
                idleUpstreamConnections.get(), activeExchanges.get());
    }

    public int clientConnections() {
        return clientConnections.get();
    }
}
