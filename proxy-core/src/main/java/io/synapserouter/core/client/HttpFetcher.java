package io.synapserouter.core.client;

import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** Non-blocking GETs of small resources. Failures complete the stage exceptionally. */
public interface HttpFetcher {

    /**
     * @param address   where to connect (resolved, or unresolved to resolve without blocking)
     * @param rawTarget the request-target, sent as is
     * @param headers   extra request headers (Host is set from {@code address} unless given)
     * @param timeout   the deadline for the whole exchange; the stage then fails with
     *                  {@link FetchTimeoutException}
     */
    CompletionStage<FetchResponse> get(InetSocketAddress address, String rawTarget, HttpHeaders headers, Duration timeout);
}
