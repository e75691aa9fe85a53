/** Health-check internals: the per-process state machine and the probe that drives it on an event loop. */
package io.synapserouter.core.health.internal;
