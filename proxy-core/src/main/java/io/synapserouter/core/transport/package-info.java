/** The socket transport: native epoll on Linux when it loads, NIO otherwise. */
package io.synapserouter.core.transport;
