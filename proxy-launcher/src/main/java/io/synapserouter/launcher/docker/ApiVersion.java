package io.synapserouter.launcher.docker;

/** An Engine API version such as {@code 1.41}, ordered numerically (1.9 &lt; 1.41). */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {

    /** The version this client is written against. */
    public static final ApiVersion OURS = new ApiVersion(1, 41);
    /** The oldest version with everything we send (health check start period, mounts, stop timeout). */
    public static final ApiVersion OLDEST = new ApiVersion(1, 29);

    public static ApiVersion parse(String text) {
        int dot = text == null ? -1 : text.indexOf('.');
        if (dot <= 0) {
            throw new IllegalArgumentException("not an API version: '" + text + "'");
        }
        try {
            return new ApiVersion(Integer.parseInt(text.substring(0, dot)), Integer.parseInt(text.substring(dot + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an API version: '" + text + "'", e);
        }
    }

    /** The version to speak with an Engine whose newest is {@code engineMax}. */
    public static ApiVersion negotiate(ApiVersion engineMax) {
        return engineMax.compareTo(OURS) < 0 ? engineMax : OURS;
    }

    @Override
    public int compareTo(ApiVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
