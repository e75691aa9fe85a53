package io.synapserouter.core.server.internal;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.synapserouter.core.config.ProxySettings;
import io.synapserouter.core.error.ErrorBody;
import io.synapserouter.core.observe.ExchangeListener;
import io.synapserouter.core.observe.ExchangeRecord;
import io.synapserouter.core.route.Router;
import io.synapserouter.core.upstream.Endpoint;
import io.synapserouter.core.upstream.EndpointFailureListener;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every connection of one server shares: settings, collaborators, pools, counters, drain state. */
public final class ServerContext {

    private static final Logger LOG = LoggerFactory.getLogger(ServerContext.class);

    /** Largest body part handed through at once; bigger reads are split. */
    static final int MAX_CHUNK_SIZE = 64 * 1024;

    private final ProxySettings settings;
    private final Router router;
    private final ErrorBody errorBody;
    private final ExchangeListener[] exchangeListeners;
    private final EndpointFailureListener failureListener;
    private final ConnectionCounters counters;
    private final UpstreamConnectionPools upstreams;
    private final ChannelGroup clientChannels = new DefaultChannelGroup("clients", GlobalEventExecutor.INSTANCE);
    private volatile boolean draining;

    public ServerContext(ProxySettings settings, Router router, ErrorBody errorBody, List<ExchangeListener> exchangeListeners,
                         EndpointFailureListener failureListener, ConnectionCounters counters, UpstreamConnectionPools upstreams) {
        this.settings = settings;
        this.router = router;
        this.errorBody = errorBody;
        this.exchangeListeners = exchangeListeners.toArray(new ExchangeListener[0]);
        this.failureListener = failureListener;
        this.counters = counters;
        this.upstreams = upstreams;
    }

    ProxySettings settings() {
        return settings;
    }

    Router router() {
        return router;
    }

    ErrorBody errorBody() {
        return errorBody;
    }

    ConnectionCounters counters() {
        return counters;
    }

    UpstreamConnectionPools upstreams() {
        return upstreams;
    }

    public boolean draining() {
        return draining;
    }

    /** Marks the server draining: from now on every response closes its connection. */
    public void startDraining() {
        draining = true;
    }

    public ChannelGroup clientChannels() {
        return clientChannels;
    }

    void trackClient(Channel channel) {
        clientChannels.add(channel);
    }

    void publish(ExchangeRecord record) {
        for (ExchangeListener listener : exchangeListeners) {
            try {
                listener.onExchange(record);
            } catch (RuntimeException e) {
                LOG.warn("exchange listener {} failed", listener.getClass().getName(), e);
            }
        }
    }

    void endpointFailed(Endpoint endpoint, Throwable cause) {
        try {
            failureListener.onFailure(endpoint, cause);
        } catch (RuntimeException e) {
            LOG.warn("endpoint failure listener failed", e);
        }
    }
}
