package io.synapserouter.routing.identity.internal;

/** Matrix user ids, {@code @localpart:server}. */
public final class UserIds {

    private UserIds() {
    }

    /** The localpart of a well-formed user id, or null. */
    public static String localpart(String userId) {
        if (userId == null || userId.length() < 4 || userId.charAt(0) != '@') {
            return null;
        }
        int colon = userId.indexOf(':');
        if (colon < 2 || colon == userId.length() - 1) {
            return null;
        }
        return userId.substring(1, colon);
    }
}
