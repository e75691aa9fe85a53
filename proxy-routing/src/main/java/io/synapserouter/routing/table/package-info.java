/**
 * The route table as data: Synapse's worker endpoint families in precedence order for each listener
 * ({@code synapse-routes.tsv}, read by {@link io.synapserouter.routing.table.BuiltinRoutes}), the plan
 * that decides which rules are active for a given set of worker pools
 * ({@link io.synapserouter.routing.table.RoutePlanner}), the compiled first-match-wins matcher
 * ({@link io.synapserouter.routing.table.RouteTable}) and its text rendering for {@code check}.
 */
package io.synapserouter.routing.table;
