package io.synapserouter.core.observe;

/**
 * Told about every finished exchange, on the event loop that served it: implementations must be
 * cheap and must not block.
 */
@FunctionalInterface
public interface ExchangeListener {

    void onExchange(ExchangeRecord record);
}
