package io.synapserouter.core.server.internal;

/**
 * What an upstream connection reports to the exchange it is serving. Every call happens on the event
 * loop shared by the connection and the exchange. After {@link #upstreamClosed} or
 * {@link #upstreamFailed} the connection has already forgotten its listener.
 */
interface UpstreamListener {

    /** A decoded response part; the listener owns {@code msg} and must release or forward it. */
    void upstreamRead(UpstreamConnection connection, Object msg);

    void upstreamReadComplete(UpstreamConnection connection);

    void upstreamWritabilityChanged(UpstreamConnection connection);

    void upstreamClosed(UpstreamConnection connection);

    void upstreamFailed(UpstreamConnection connection, Throwable cause);
}
