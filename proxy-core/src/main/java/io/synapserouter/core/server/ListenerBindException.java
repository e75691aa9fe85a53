package io.synapserouter.core.server;

/** A listener could not be bound; the message names the listener, the address and the reason. */
public final class ListenerBindException extends RuntimeException {

    private final String listener;

    public ListenerBindException(String listener, String address, Throwable cause) {
        super("cannot bind listener '" + listener + "' to " + address + ": " + describe(cause), cause);
        this.listener = listener;
    }

    public String listener() {
        return listener;
    }

    private static String describe(Throwable cause) {
        return cause == null ? "unknown reason" : cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }
}
