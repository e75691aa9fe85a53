package io.synapserouter.core.server.internal;

import io.netty.handler.codec.http.HttpMethod;

/** The methods RFC 9110 §9.2.2 calls idempotent: only these may be replayed on another endpoint. */
final class IdempotentMethods {

    private IdempotentMethods() {
    }

    static boolean contains(HttpMethod method) {
        return HttpMethod.GET.equals(method)
                || HttpMethod.HEAD.equals(method)
                || HttpMethod.OPTIONS.equals(method)
                || HttpMethod.TRACE.equals(method)
                || HttpMethod.PUT.equals(method)
                || HttpMethod.DELETE.equals(method);
    }
}
