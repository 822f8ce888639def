package io.acmectl;

/** The process exit codes, documented in README.md; scripts depend on them, so never renumber. */
public enum ExitCode {
    OK(0),
    /** The CA refused or a certificate could not be issued. */
    FAILED(1),
    /** The command line, a configuration file or a given name is wrong: the user must fix it. */
    USAGE(2),
    /** The store could not be read, written or locked. */
    STORE(3),
    /** The CA could not be reached at all. */
    CA_UNREACHABLE(4),
    /** A local resource a challenge needs is unavailable (a port in use, for example). */
    CHALLENGE_SETUP(5),
    /** A bug in acmectl: anything not foreseen. */
    INTERNAL(70);

    public final int code;

    ExitCode(int code) {
        this.code = code;
    }
}
