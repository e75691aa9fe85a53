/**
 * The machinery behind {@link io.synapserouter.routing.identity.WhoamiResolver}: token digests, the
 * shape of Synapse's own tokens, query-string coding, the circuit breaker and the cached answer.
 * Nothing here is part of the contract other modules build on.
 */
package io.synapserouter.routing.identity.internal;
