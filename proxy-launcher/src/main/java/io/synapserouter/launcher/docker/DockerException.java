package io.synapserouter.launcher.docker;

/**
 * An Engine call that failed: the Engine answered with an error status, or could not be reached.
 * The message names the operation and carries the Engine's own explanation.
 */
public final class DockerException extends RuntimeException {

    /** Status when the Engine could not be reached or did not answer in time. */
    public static final int UNREACHABLE = -1;

    private final int status;
    private final String engineMessage;

    public DockerException(String operation, int status, String engineMessage) {
        super(describe(operation, status, engineMessage));
        this.status = status;
        this.engineMessage = engineMessage;
    }

    public DockerException(String operation, String problem, Throwable cause) {
        super(operation + ": " + problem, cause);
        this.status = UNREACHABLE;
        this.engineMessage = problem;
    }

    /** The HTTP status the Engine answered, or {@link #UNREACHABLE}. */
    public int status() {
        return status;
    }

    /** The Engine's {@code message}, as it sent it. */
    public String engineMessage() {
        return engineMessage;
    }

    public boolean isNotFound() {
        return status == 404;
    }

    public boolean isConflict() {
        return status == 409;
    }

    private static String describe(String operation, int status, String engineMessage) {
        String hint = switch (status) {
            case 404 -> " (not found)";
            case 409 -> " (conflict)";
            case 304 -> " (nothing to do)";
            default -> "";
        };
        return operation + ": Docker Engine answered " + status + hint + ": " + engineMessage;
    }
}
