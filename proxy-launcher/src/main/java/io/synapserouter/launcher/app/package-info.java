/**
 * The running router: turns a validated {@code RouterConfig} into started parts (pools, resolver,
 * health checks, identity, router, engine, admin listener) and stops them in the reverse order.
 */
package io.synapserouter.launcher.app;
