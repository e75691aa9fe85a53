package io.synapserouter.routing;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.synapserouter.core.route.RequestHead;
import io.synapserouter.routing.identity.IdentityResolver;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the identity helper's resolver: the user key is a digest of the access token (header
 * or query), answered at once. Counts its calls so tests can tell whether the router asked.
 */
final class TokenHashingResolver implements IdentityResolver {

    final AtomicInteger calls = new AtomicInteger();

    @Override
    public CompletionStage<String> userKey(RequestHead head) {
        calls.incrementAndGet();
        String token = token(head);
        return CompletableFuture.completedFuture(token == null ? null : digest(token));
    }

    static String token(RequestHead head) {
        String authorization = head.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (authorization != null && authorization.startsWith("Bearer ")) {
            return authorization.substring(7);
        }
        for (String pair : head.rawQuery().split("&")) {
            if (pair.startsWith("access_token=")) {
                return pair.substring("access_token=".length());
            }
        }
        return null;
    }

    static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return "t:" + HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
