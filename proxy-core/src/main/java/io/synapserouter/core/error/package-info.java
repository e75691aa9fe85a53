/**
 * The answers the proxy gives itself (limits, gateway errors): which kinds there are, and how their
 * bodies are rendered. The body format is pluggable so that the engine stays protocol-neutral.
 */
package io.synapserouter.core.error;
