package io.synapserouter.routing.identity;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.synapserouter.core.route.RequestHead;

/** Request heads as the client listener would hand them to a router. */
final class Requests {

    static final String SYNC = "/_matrix/client/v3/sync?timeout=30000&since=s72594_4483_1934";

    private Requests() {
    }

    static RequestHead withBearer(String token) {
        return head(SYNC, "192.0.2.10", null, "Authorization", "Bearer " + token);
    }

    static RequestHead withQueryToken(String encodedToken) {
        return head(SYNC + "&access_token=" + encodedToken, "192.0.2.10", null);
    }

    /**
     * @param headerPairs header name, value, name, value, … (a name may repeat)
     */
    static RequestHead head(String target, String clientAddress, String userAgent, String... headerPairs) {
        HttpHeaders headers = new DefaultHttpHeaders();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.add(headerPairs[i], headerPairs[i + 1]);
        }
        if (userAgent != null) {
            headers.set(HttpHeaderNames.USER_AGENT, userAgent);
        }
        return new RequestHead("client", new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, target, headers), clientAddress);
    }
}
