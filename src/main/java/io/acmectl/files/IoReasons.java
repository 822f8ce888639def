package io.acmectl.files;

import io.acmectl.core.Quote;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * Why a file operation failed, in the operating system's words ("no such file or directory",
 * "permission denied", "is a directory"). The JDK's exceptions often carry only the path as their
 * message, so "cannot read X: " + e.getMessage() says "cannot read X: X".
 */
public final class IoReasons {
    private static final int MAX = 120;

    private IoReasons() {}

    public static String of(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "file exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        if (e instanceof FileSystemLoopException) {
            return "too many levels of symbolic links";
        }
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : e.getMessage();
        return reason == null || reason.isBlank() ? e.getClass().getSimpleName() : words(reason);
    }

    /** The OS's own words, lower case, without the JDK's additions ("... or unable to access attributes of ..."). */
    private static String words(String reason) {
        String text = reason.strip();
        int addition = text.indexOf(" or unable to access attributes");
        if (addition > 0) {
            text = text.substring(0, addition);
        }
        if (text.length() > 1 && Character.isUpperCase(text.charAt(0)) && !Character.isUpperCase(text.charAt(1))) {
            text = text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
        }
        return Quote.cut(text, MAX);
    }
}
