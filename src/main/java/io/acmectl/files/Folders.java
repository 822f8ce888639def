package io.acmectl.files;

import io.acmectl.core.Failure;
import io.acmectl.core.Quote;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** Folders a user names (a webroot): they must exist, and one that cannot be used says why in the system's words. */
public final class Folders {
    private Folders() {}

    /** The folder {@code given} names; {@code what} ("webroot") starts the messages. */
    public static Path existing(String given, String what) {
        Path folder;
        try {
            folder = Path.of(given);
        } catch (InvalidPathException e) {
            throw new Failure.BadInput(what + " " + Quote.of(given) + " is not a valid path");
        }
        try {
            if (!Files.readAttributes(folder, BasicFileAttributes.class).isDirectory()) {
                throw new Failure.BadInput(what + " " + BoundedFiles.shown(folder) + " is not a folder");
            }
        } catch (NoSuchFileException e) {
            throw new Failure.BadInput(what + " " + BoundedFiles.shown(folder) + " does not exist");
        } catch (IOException e) {
            throw new Failure.BadInput(what + " " + BoundedFiles.shown(folder) + " cannot be used: " + IoReasons.of(e));
        }
        return folder;
    }
}
