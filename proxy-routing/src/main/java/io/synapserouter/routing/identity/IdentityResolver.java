package io.synapserouter.routing.identity;

import io.synapserouter.core.route.RequestHead;
import java.util.concurrent.CompletionStage;

/**
 * Turns a request's access token into the key that sticks a user to one sync worker. The route table
 * asks this only for routes keyed by user.
 */
@FunctionalInterface
public interface IdentityResolver {

    /**
     * @return a stage with the user key (never a raw token), or with null when the request carries no
     *         token. A cached answer must come back as an already-completed stage, ideally one that
     *         is shared between requests rather than allocated per request. Never fails: lookup
     *         failures complete with a fallback key.
     */
    CompletionStage<String> userKey(RequestHead head);
}
