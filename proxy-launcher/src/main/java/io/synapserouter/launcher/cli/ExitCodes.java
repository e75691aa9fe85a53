package io.synapserouter.launcher.cli;

/** Exit codes of every command; systemd units and CI read them. */
public final class ExitCodes {

    public static final int OK = 0;
    /** Something failed at run time (a port already bound, an engine error). */
    public static final int FAILURE = 1;
    /** The configuration or the command line is invalid. */
    public static final int CONFIG = 2;

    private ExitCodes() {
    }
}
