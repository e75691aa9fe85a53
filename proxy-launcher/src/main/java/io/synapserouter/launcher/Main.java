package io.synapserouter.launcher;

/** Entry point of {@code synapse-router.jar}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // TODO(launcher): picocli command tree.
        System.exit(0);
    }
}
