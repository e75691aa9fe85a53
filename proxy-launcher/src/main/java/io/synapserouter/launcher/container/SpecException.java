package io.synapserouter.launcher.container;

/**
 * A spec file that cannot be used: the message names the file, the line, the key and the problem,
 * e.g. {@code containers.yaml:12: containers.synapse.imgae: unknown key (expected one of: image, …)}.
 */
public final class SpecException extends RuntimeException {

    public SpecException(String message) {
        super(message);
    }

    public SpecException(String message, Throwable cause) {
        super(message, cause);
    }
}
