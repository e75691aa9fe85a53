package io.synapserouter.core.error;

import io.netty.handler.codec.http.HttpResponseStatus;

/** The answers the proxy gives on its own, each with its HTTP status. */
public enum ProxyError {
    BAD_REQUEST(HttpResponseStatus.BAD_REQUEST),
    TOO_LARGE(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE),
    URI_TOO_LONG(HttpResponseStatus.REQUEST_URI_TOO_LONG),
    HEADERS_TOO_LARGE(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE),
    REQUEST_TIMEOUT(HttpResponseStatus.REQUEST_TIMEOUT),
    BAD_GATEWAY(HttpResponseStatus.BAD_GATEWAY),
    GATEWAY_TIMEOUT(HttpResponseStatus.GATEWAY_TIMEOUT),
    NO_UPSTREAM(HttpResponseStatus.SERVICE_UNAVAILABLE),
    SHUTTING_DOWN(HttpResponseStatus.SERVICE_UNAVAILABLE);

    private final HttpResponseStatus status;

    ProxyError(HttpResponseStatus status) {
        this.status = status;
    }

    public HttpResponseStatus status() {
        return status;
    }
}
