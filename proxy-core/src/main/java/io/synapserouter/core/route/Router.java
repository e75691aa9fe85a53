package io.synapserouter.core.route;

import java.util.concurrent.CompletionStage;

/**
 * Decides the upstream pool and balancing key of a request from its head alone, before any body byte
 * is read. Called on the client channel's event loop, so it must never block; a decision that needs
 * I/O (an identity lookup) completes the stage later, on any thread.
 *
 * <p>The engine reads an already-completed stage without leaving the event loop, so a router should
 * answer cheap decisions with a completed stage rather than an async hop.
 */
@FunctionalInterface
public interface Router {

    CompletionStage<Route> route(RequestHead head);
}
