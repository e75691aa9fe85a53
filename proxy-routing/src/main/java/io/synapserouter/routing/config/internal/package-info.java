/**
 * How {@code router.yaml} becomes a {@link io.synapserouter.routing.config.RouterConfig}: one reader per
 * group of sections, each validating its keys against the schema and recording every problem it finds.
 * Only {@link io.synapserouter.routing.config.RouterConfigLoader} calls these.
 */
package io.synapserouter.routing.config.internal;
