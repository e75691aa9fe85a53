/**
 * Upstream health: active checks ({@code GET /health} on a schedule, rise/fall) and passive ejection
 * on refused or reset connections, both steering {@link io.synapserouter.core.upstream.Endpoint#available()},
 * which every balancer honours. {@link io.synapserouter.core.health.HealthListener} reports changes.
 */
package io.synapserouter.core.health;
