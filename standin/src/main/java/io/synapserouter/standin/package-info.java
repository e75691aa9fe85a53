/**
 * A Synapse stand-in: HTTP processes that answer like Synapse's main process and workers closely enough
 * to exercise a proxy (health, whoami, long-polls), and that say which process served each request.
 * Used by the demo, the tests and the benchmarks; never by the router itself.
 */
package io.synapserouter.standin;
