/**
 * proxy-core: a generic, streaming HTTP/1.1 reverse-proxy engine on Netty. It knows listeners, pools,
 * balancers, health and relaying; it knows nothing about Matrix. Routing decisions come from a
 * {@link io.synapserouter.core.route.Router} that another module supplies.
 */
package io.synapserouter.core;
