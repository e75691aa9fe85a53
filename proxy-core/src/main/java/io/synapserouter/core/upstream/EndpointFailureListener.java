package io.synapserouter.core.upstream;

/**
 * Told by the engine when a connection to an endpoint was refused, or reset before any response byte:
 * the signal for passive ejection. Called on an event loop; must not block.
 */
@FunctionalInterface
public interface EndpointFailureListener {

    void onFailure(Endpoint endpoint, Throwable cause);

    EndpointFailureListener NONE = (endpoint, cause) -> { };
}
