/**
 * The Engine client's wiring: the Netty channels for one request or one attach stream, the decoder of
 * the Engine's multiplexed stdout/stderr frames, and the pump that copies container output to ours
 * off the event loop.
 */
package io.synapserouter.launcher.docker.internal;
