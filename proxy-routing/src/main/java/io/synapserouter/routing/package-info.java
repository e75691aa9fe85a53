/**
 * proxy-routing: what a proxy must know about Synapse. The route table of worker endpoint families,
 * access-token extraction, identity resolution through whoami, routing keys (user, room, origin) and
 * pool selection. It decides; it never touches a socket (lookups go through proxy-core's client).
 */
package io.synapserouter.routing;
