package io.acmectl;

/**
 * Something the user must fix or know about. The CLI prints the message as one line and exits with
 * the code; every other exception is a bug and shows its stack trace with {@code --verbose}.
 */
public class AcmectlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    public AcmectlException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public AcmectlException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public static AcmectlException usage(String message) {
        return new AcmectlException(ExitCode.USAGE, message);
    }

    public static AcmectlException store(String message, Throwable cause) {
        return new AcmectlException(ExitCode.STORE, message, cause);
    }
}
