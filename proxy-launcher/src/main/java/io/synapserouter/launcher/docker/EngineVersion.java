package io.synapserouter.launcher.docker;

/**
 * What {@code GET /version} said, and the API version this client speaks with that Engine.
 *
 * @param engineVersion the Engine's release, e.g. {@code 20.10.24}
 * @param maxApi        the newest API version the Engine speaks
 * @param minApi        the oldest API version the Engine speaks
 * @param negotiated    the lower of {@code maxApi} and ours
 */
public record EngineVersion(String engineVersion, ApiVersion maxApi, ApiVersion minApi, ApiVersion negotiated) {
}
