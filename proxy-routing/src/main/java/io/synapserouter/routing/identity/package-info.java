/**
 * Identity: which user a request belongs to. Access-token extraction by Synapse's rules, whoami
 * lookups through proxy-core's client, a Caffeine cache of their answers keyed by a token digest,
 * coalescing, negative caching, a circuit breaker and the fallbacks when whoami cannot answer.
 */
package io.synapserouter.routing.identity;
