package io.synapserouter.core.route;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;

/**
 * The head of one client request as a router sees it: method, raw request-target, headers and the
 * effective client address (the peer, or the first X-Forwarded-For value a trusted proxy sent).
 * The raw target is never decoded or normalised here.
 */
public final class RequestHead {

    private final String listener;
    private final HttpRequest request;
    private final String clientAddress;
    private final int queryStart;

    public RequestHead(String listener, HttpRequest request, String clientAddress) {
        this.listener = listener;
        this.request = request;
        this.clientAddress = clientAddress;
        this.queryStart = request.uri().indexOf('?');
    }

    /** The name of the listener that accepted the request ({@code client}, {@code federation}). */
    public String listener() {
        return listener;
    }

    public HttpMethod method() {
        return request.method();
    }

    /** The request-target exactly as the client sent it. */
    public String rawTarget() {
        return request.uri();
    }

    /** The raw path: the request-target up to, not including, {@code ?}. */
    public String rawPath() {
        String uri = request.uri();
        return queryStart < 0 ? uri : uri.substring(0, queryStart);
    }

    /** The raw query after {@code ?}, or the empty string. */
    public String rawQuery() {
        return queryStart < 0 ? "" : request.uri().substring(queryStart + 1);
    }

    public HttpHeaders headers() {
        return request.headers();
    }

    public String clientAddress() {
        return clientAddress;
    }
}
