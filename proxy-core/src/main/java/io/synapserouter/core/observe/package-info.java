/**
 * What the engine reports about its work, and who listens: one
 * {@link io.synapserouter.core.observe.ExchangeRecord} per finished request, handed to every
 * {@link io.synapserouter.core.observe.ExchangeListener}: {@link io.synapserouter.core.observe.ProxyMetrics}
 * (Prometheus meters, also told about ejections and fallbacks) and
 * {@link io.synapserouter.core.observe.AccessLog} (one redacted line per request).
 */
package io.synapserouter.core.observe;
