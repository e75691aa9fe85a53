/**
 * A small Docker Engine API client: HTTP/1.1 over the Engine's Unix socket (Netty's domain-socket
 * transport) or TCP, JSON through Jackson, the API version negotiated through {@code GET /version}.
 * It knows the handful of calls the container lifecycle needs (create, network connect, start, attach,
 * wait, stop, remove, inspect) and turns Engine errors into {@link io.synapserouter.launcher.docker.DockerException}s
 * that say what failed. Calls block their caller (a CLI thread), never an event loop.
 */
package io.synapserouter.launcher.docker;
