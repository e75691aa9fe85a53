/**
 * The contract between the engine and whoever decides where a request goes: the engine hands a
 * {@link io.synapserouter.core.route.RequestHead} to a {@link io.synapserouter.core.route.Router} and
 * relays to the {@link io.synapserouter.core.route.Route} it answers. Nothing here knows Matrix.
 */
package io.synapserouter.core.route;
