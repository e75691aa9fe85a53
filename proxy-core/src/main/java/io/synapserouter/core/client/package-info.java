/**
 * A small non-blocking HTTP/1.1 client for the proxy's own calls (identity lookups, health checks):
 * small answers, read whole, with a deadline.
 */
package io.synapserouter.core.client;
