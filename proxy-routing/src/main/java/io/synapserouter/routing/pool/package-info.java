/**
 * The upstream pools of a deployment, built once from {@code router.yaml}: the main process's two
 * listeners, every configured worker pool, and one pool per address that an operator route names,
 * each with its default balancing ({@link io.synapserouter.routing.pool.PoolDefaults}) unless
 * {@code pools.<name>} overrides it.
 */
package io.synapserouter.routing.pool;
