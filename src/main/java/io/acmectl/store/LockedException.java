package io.acmectl.store;

import io.acmectl.AcmectlException;
import io.acmectl.ExitCode;

/**
 * Another acmectl run holds what this one needs (a certificate, a listening port). A run over
 * many certificates reports it as "skipped (locked)", never as a failure: the other run does the work.
 */
public final class LockedException extends AcmectlException {
    private static final long serialVersionUID = 1L;

    public LockedException(String message) {
        super(ExitCode.STORE, message);
    }
}
