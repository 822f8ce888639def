package io.acmectl.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acmectl.core.Failure;
import io.acmectl.crypto.KeyFiles;
import io.acmectl.files.BoundedFiles;
import io.acmectl.files.IoReasons;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * certbot's accounts: {@code accounts/<host[:port]>/<directory path>/<id>/} with {@code private_key.json}
 * (a JWK), {@code regr.json} (the account URL as {@code uri}, contacts in {@code body} when certbot kept
 * them) and {@code meta.json} ({@code creation_dt}). The folder's path names the CA's directory URL.
 */
final class CertbotAccounts {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "private_key.json";
    private static final long MAX_JSON = 64 * 1024;
    private static final int MAX_DEPTH = 8;

    private CertbotAccounts() {}

    static List<CertbotAccount> read(Path accounts, List<String> notes) {
        if (!Files.isDirectory(accounts)) {
            return List.of();
        }
        List<Path> folders;
        try (Stream<Path> walk = Files.walk(accounts, MAX_DEPTH)) {
            folders = walk.filter(folder -> Files.isRegularFile(folder.resolve(KEY))).sorted().toList();
        } catch (IOException e) {
            throw new Failure.BadInput("cannot list " + accounts + ": " + IoReasons.of(e), e);
        } catch (java.io.UncheckedIOException e) { // a folder below that cannot be read
            throw new Failure.BadInput("cannot list " + accounts + ": " + IoReasons.of(e.getCause()), e);
        }
        List<CertbotAccount> found = new ArrayList<>();
        for (Path folder : folders) {
            String shown = "accounts/" + accounts.relativize(folder);
            try {
                found.add(account(accounts, folder));
            } catch (Failure.BadInput | IOException | IllegalArgumentException e) {
                notes.add(shown + ": account not imported: " + e.getMessage());
            }
        }
        return found;
    }

    private static CertbotAccount account(Path accounts, Path folder) throws IOException {
        Path server = accounts.relativize(folder.getParent());
        if (server.getNameCount() < 1) {
            throw new IOException("its folder names no server");
        }
        URI directory = URI.create("https://" + server.toString().replace('\\', '/'));
        JsonNode regr = json(folder.resolve("regr.json"));
        String uri = regr.path("uri").asText("");
        if (uri.isEmpty()) {
            throw new IOException("regr.json holds no account URL (uri)");
        }
        URL url = URI.create(uri).toURL();
        List<String> contacts = new ArrayList<>();
        regr.path("body").path("contact").forEach(contact -> contacts.add(contact.asText()));
        KeyPair key = KeyFiles.read(folder.resolve(KEY));
        Instant created = null;
        Path meta = folder.resolve("meta.json");
        if (Files.isRegularFile(meta)) {
            try {
                created = Instant.parse(json(meta).path("creation_dt").asText(""));
            } catch (DateTimeParseException e) {
                created = null; // an account without a date is listed first, nothing worse
            }
        }
        return new CertbotAccount(folder.getFileName().toString(), directory, url, key, contacts, created);
    }

    private static JsonNode json(Path file) throws IOException {
        String text = BoundedFiles.readString(file, MAX_JSON, "certbot account file");
        return JSON.readTree(text);
    }
}
