package io.synapserouter.routing.identity;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.synapserouter.core.route.RequestHead;
import io.synapserouter.routing.identity.internal.QueryCodec;
import java.util.Iterator;

/**
 * Finds a request's access token the way Synapse does, so that the proxy keys a request by the same
 * token Synapse will authenticate:
 * <ul>
 *   <li>{@code Authorization: Bearer <token>}: the scheme is case-sensitive and followed by exactly one
 *       space, and the token holds no further space;</li>
 *   <li>else the {@code access_token} query parameter, percent-decoded, first occurrence;</li>
 *   <li>both at once, two Authorization headers, or an Authorization header of another form are
 *       errors to Synapse (401 {@code M_MISSING_TOKEN}): no usable token here. The request is still
 *       forwarded and Synapse gives the client that answer itself.</li>
 * </ul>
 * The appservice parameters {@code user_id} and {@code device_id} (or MSC3202's
 * {@code org.matrix.msc3202.device_id}) are read along, since they change whom the token stands for.
 */
public final class TokenExtractor {

    private static final String BEARER = "Bearer ";
    private static final String ACCESS_TOKEN_PARAM = "access_token";

    private TokenExtractor() {
    }

    /** The request's usable token, or null when it has none (or an ambiguous or malformed one). */
    public static AccessToken extract(RequestHead head) {
        return extract(head.headers(), head.rawTarget());
    }

    /**
     * @param headers   the request headers
     * @param rawTarget the raw request-target; its query, if any, is read
     */
    public static AccessToken extract(HttpHeaders headers, String rawTarget) {
        Query query = Query.parse(rawTarget);
        Iterator<String> authorization = headers.valueStringIterator(HttpHeaderNames.AUTHORIZATION);
        String token;
        boolean fromQuery = false;
        if (authorization.hasNext()) {
            String value = authorization.next();
            if (query.hasAccessToken || authorization.hasNext()) {
                return null;
            }
            token = bearerToken(value);
        } else if (query.hasAccessToken) {
            token = query.accessToken;
            fromQuery = true;
        } else {
            return null;
        }
        if (!usable(token)) {
            return null;
        }
        return new AccessToken(token, fromQuery, query.userId, query.deviceParam, query.deviceId);
    }

    private static String bearerToken(String value) {
        if (!value.startsWith(BEARER) || value.indexOf(' ', BEARER.length()) >= 0) {
            return null;
        }
        return value.substring(BEARER.length());
    }

    /** Non-empty visible ASCII: anything else cannot be a token Synapse issued, nor be sent on in a header. */
    private static boolean usable(String token) {
        if (token == null || token.isEmpty()) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** The few query parameters identity cares about; the first occurrence of each counts, as in Synapse. */
    private static final class Query {
        private static final String[] KNOWN = {
                ACCESS_TOKEN_PARAM, AccessToken.USER_ID_PARAM, AccessToken.DEVICE_ID_PARAM, AccessToken.UNSTABLE_DEVICE_ID_PARAM
        };
        private static final Query NONE = new Query();

        boolean hasAccessToken;
        String accessToken;
        String userId;
        String deviceParam;
        String deviceId;
        String stableDeviceId;

        /** The query's identity parameters; {@link #NONE}, shared and never written to, when it has none. */
        static Query parse(String target) {
            int q = target.indexOf('?');
            if (q < 0) {
                return NONE;
            }
            Query query = NONE;
            int end = target.length();
            int from = q + 1;
            while (from < end) {
                int amp = target.indexOf('&', from);
                int to = amp < 0 ? end : amp;
                if (to > from) {
                    int nameEnd = from;
                    while (nameEnd < to && target.charAt(nameEnd) != '=') {
                        nameEnd++;
                    }
                    String name = name(target, from, nameEnd);
                    if (name != null) {
                        if (query == NONE) {
                            query = new Query();
                        }
                        query.accept(name, nameEnd == to ? "" : QueryCodec.decode(target, nameEnd + 1, to));
                    }
                }
                from = to + 1;
            }
            if (query.deviceId == null && query.stableDeviceId != null) {
                query.deviceParam = AccessToken.DEVICE_ID_PARAM;
                query.deviceId = query.stableDeviceId;
            }
            return query;
        }

        private void accept(String name, String value) {
            switch (name) {
                case ACCESS_TOKEN_PARAM -> {
                    if (!hasAccessToken) {
                        hasAccessToken = true;
                        accessToken = value;
                    }
                }
                case AccessToken.USER_ID_PARAM -> {
                    if (userId == null) {
                        userId = value;
                    }
                }
                case AccessToken.UNSTABLE_DEVICE_ID_PARAM -> {
                    if (deviceId == null) {
                        deviceParam = AccessToken.UNSTABLE_DEVICE_ID_PARAM;
                        deviceId = value;
                    }
                }
                case AccessToken.DEVICE_ID_PARAM -> {
                    if (stableDeviceId == null) {
                        stableDeviceId = value;
                    }
                }
                default -> {
                }
            }
        }

        /** The parameter's name when it is one identity reads, else null (without decoding the common case). */
        private static String name(String target, int from, int to) {
            for (int i = from; i < to; i++) {
                char c = target.charAt(i);
                if (c == '%' || c == '+') {
                    return known(QueryCodec.decode(target, from, to));
                }
            }
            int length = to - from;
            for (String known : KNOWN) {
                if (known.length() == length && target.regionMatches(from, known, 0, length)) {
                    return known;
                }
            }
            return null;
        }

        private static String known(String name) {
            for (String known : KNOWN) {
                if (known.equals(name)) {
                    return known;
                }
            }
            return null;
        }
    }
}
