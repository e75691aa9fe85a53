package io.synapserouter.routing.identity;

/**
 * An access token as one request presents it, with the appservice parameters that change whom it
 * stands for. {@link #toString()} never shows the token.
 */
public final class AccessToken {

    /** The appservice masquerading parameter for the user. */
    public static final String USER_ID_PARAM = "user_id";
    /** The appservice device parameter (stable name). */
    public static final String DEVICE_ID_PARAM = "device_id";
    /** The appservice device parameter as MSC3202 named it; Synapse reads this one today. */
    public static final String UNSTABLE_DEVICE_ID_PARAM = "org.matrix.msc3202.device_id";

    private final String token;
    private final boolean fromQuery;
    private final String userId;
    private final String deviceParam;
    private final String deviceId;

    AccessToken(String token, boolean fromQuery, String userId, String deviceParam, String deviceId) {
        this.token = token;
        this.fromQuery = fromQuery;
        this.userId = userId;
        this.deviceParam = deviceParam;
        this.deviceId = deviceId;
    }

    /** A header token with no appservice parameters. */
    public static AccessToken of(String token) {
        return new AccessToken(token, false, null, null, null);
    }

    /** The token itself. Never log it. */
    public String token() {
        return token;
    }

    /** True when it came as the {@code access_token} query parameter rather than the header. */
    public boolean fromQuery() {
        return fromQuery;
    }

    /** The {@code user_id} query parameter (decoded), or null. */
    public String userId() {
        return userId;
    }

    /** The name the device parameter came under ({@link #DEVICE_ID_PARAM} or {@link #UNSTABLE_DEVICE_ID_PARAM}), or null. */
    public String deviceParam() {
        return deviceParam;
    }

    /** The device parameter's value (decoded), or null. */
    public String deviceId() {
        return deviceId;
    }

    @Override
    public String toString() {
        return "AccessToken[" + (fromQuery ? "query" : "header")
                + (userId != null ? ", user_id=" + userId : "")
                + (deviceId != null ? ", " + deviceParam + "=" + deviceId : "") + "]";
    }
}
