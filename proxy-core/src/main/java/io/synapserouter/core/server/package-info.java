/**
 * The proxy engine's public face: {@link io.synapserouter.core.server.ProxyServer} binds the
 * listeners, relays every request to the endpoint a {@link io.synapserouter.core.route.Router} picks,
 * reports each finished exchange, and drains on shutdown. How it does so lives in {@code .internal}.
 */
package io.synapserouter.core.server;
