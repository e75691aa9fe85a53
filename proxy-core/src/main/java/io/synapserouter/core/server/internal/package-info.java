/**
 * The relay itself: the client connection handler and its per-request {@code Exchange}, the pooled
 * upstream connections (one pool per event loop, so a request and its upstream share a thread), header
 * rewriting, timeouts and the proxy's own answers. Nothing here is API; only {@code core.server} is.
 */
package io.synapserouter.core.server.internal;
