/**
 * Upstream endpoints and pools: what an upstream is, whether it is available, how many requests it
 * has outstanding, and where its host name currently resolves to ({@link
 * io.synapserouter.core.upstream.EndpointResolver} keeps that current, off the event loops).
 */
package io.synapserouter.core.upstream;
