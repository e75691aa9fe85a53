/**
 * Observability with Synapse knowledge: identity-resolution metrics (whoami outcomes, latency, the
 * token cache) and the access log built from {@code access_log:} with Matrix secrets redacted.
 */
package io.synapserouter.routing.observe;
