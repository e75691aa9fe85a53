package io.synapserouter.core.client;

import java.util.concurrent.TimeoutException;

/** A fetch that did not complete within its deadline. */
public final class FetchTimeoutException extends TimeoutException {

    public FetchTimeoutException(String message) {
        super(message);
    }
}
