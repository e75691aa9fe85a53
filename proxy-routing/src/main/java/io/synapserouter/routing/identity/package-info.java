/**
 * Identity: which user a request belongs to, so that user-keyed routes (sync) stick to one worker.
 * {@link io.synapserouter.routing.identity.TokenExtractor} finds the access token by Synapse's own
 * rules; {@link io.synapserouter.routing.identity.WhoamiResolver} maps it to the user's localpart
 * through whoami, with a Caffeine cache keyed by a token digest, coalescing, negative caching, a
 * circuit breaker and deterministic fallbacks; {@link io.synapserouter.routing.identity.IdentityMetrics}
 * is where it reports. Tokens never leave this package except on the lookup itself.
 */
package io.synapserouter.routing.identity;
