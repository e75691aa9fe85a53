package io.synapserouter.core.admin;

/** Asked on every {@code /ready} request, on an event loop: it must answer at once, without I/O. */
@FunctionalInterface
public interface ReadinessSource {

    Readiness readiness();
}
