package io.synapserouter.standin;

/**
 * What one whoami call carried besides its token, so tests can check what a proxy forwards on its
 * lookups (Synapse records the address and agent as the device's last use).
 *
 * @param uri           the request-target, query included
 * @param host          the Host header, or null
 * @param xForwardedFor the X-Forwarded-For header, or null
 * @param userAgent     the User-Agent header, or null
 */
public record WhoamiRequest(String uri, String host, String xForwardedFor, String userAgent) {
}
