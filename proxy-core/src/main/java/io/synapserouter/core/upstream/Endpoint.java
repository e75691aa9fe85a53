package io.synapserouter.core.upstream;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One upstream process, named by host and port as configured. The host name is re-resolved in the
 * background (Docker gives a restarted worker a new address), so readers take {@link #address()}.
 */
public final class Endpoint {

    private final String pool;
    private final String host;
    private final int port;
    private final String id;
    private final AtomicInteger outstanding = new AtomicInteger();
    private volatile InetSocketAddress address;
    private volatile boolean available = true;

    public Endpoint(String pool, String host, int port) {
        this.pool = pool;
        this.host = host;
        this.port = port;
        this.id = host + ":" + port;
        this.address = InetSocketAddress.createUnresolved(host, port);
    }

    public String pool() {
        return pool;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** {@code host:port} as configured; stable, and safe as a metric label (the set is configured). */
    public String id() {
        return id;
    }

    /** The last resolved address, or an unresolved one before the first resolution. */
    public InetSocketAddress address() {
        return address;
    }

    public void address(InetSocketAddress resolved) {
        this.address = resolved;
    }

    /** False while health checks or a passive ejection hold the endpoint out of rotation. */
    public boolean available() {
        return available;
    }

    public void available(boolean available) {
        this.available = available;
    }

    public int outstanding() {
        return outstanding.get();
    }

    public void requestStarted() {
        outstanding.incrementAndGet();
    }

    public void requestFinished() {
        outstanding.decrementAndGet();
    }

    @Override
    public String toString() {
        return pool + "/" + id;
    }
}
