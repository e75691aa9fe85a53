/**
 * What the engine reports about its work: one {@link io.synapserouter.core.observe.ExchangeRecord} per
 * finished request, handed to every {@link io.synapserouter.core.observe.ExchangeListener} (access
 * log, metrics).
 */
package io.synapserouter.core.observe;
