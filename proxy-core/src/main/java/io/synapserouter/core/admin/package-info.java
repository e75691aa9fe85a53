/**
 * The admin listener: Prometheus metrics, liveness, readiness and a JSON status view, on a port of
 * its own. What "ready" means and what the status holds are supplied by the launcher.
 */
package io.synapserouter.core.admin;
