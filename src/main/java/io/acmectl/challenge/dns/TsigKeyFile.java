package io.acmectl.challenge.dns;

import io.acmectl.core.DnsPublisher;
import io.acmectl.core.Failure;
import io.acmectl.files.BoundedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;

/**
 * The TSIG key of an RFC 2136 publisher: the secret from a file only its owner can read or change (any
 * group or other bit is refused: unlike a certificate key, nothing else on the host needs it), holding
 * either the base64 secret alone or a BIND {@code key} clause as {@code tsig-keygen} writes it. No
 * message, exception or log line carries the secret or any part of the file's text.
 */
final class TsigKeyFile {
    private static final long MAX_SIZE = 64 * 1024;
    /** RFC 8945's list; HMAC-MD5 only for old servers that have no other key (the want list accepts it too). */
    private static final Map<String, Name> ALGORITHMS = Map.of(
            "hmac-md5", TSIG.HMAC_MD5,
            "hmac-sha1", TSIG.HMAC_SHA1,
            "hmac-sha224", TSIG.HMAC_SHA224,
            "hmac-sha256", TSIG.HMAC_SHA256,
            "hmac-sha384", TSIG.HMAC_SHA384,
            "hmac-sha512", TSIG.HMAC_SHA512);
    private static final String ALGORITHM_LIST = "hmac-sha256 (the default), hmac-sha512, hmac-sha384, "
            + "hmac-sha224, hmac-sha1 or hmac-md5";
    private static final Pattern SECRET = Pattern.compile("\\bsecret\\s+\"([^\"]*)\"\\s*;");
    private static final Pattern ALGORITHM = Pattern.compile("\\balgorithm\\s+\"?([A-Za-z0-9.-]+)\"?\\s*;");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/=\\s]+");

    private TsigKeyFile() {}

    /** The key that signs this publisher's updates; a {@link Failure.BadInput} naming the file otherwise. */
    static TSIG read(DnsPublisher.Rfc2136 spec) {
        Name algorithm = algorithm(spec.algorithm());
        Name keyName = keyName(spec.keyName());
        Path file = spec.secretFile();
        checkOwnerOnly(file);
        String text = BoundedFiles.readString(file, MAX_SIZE, "TSIG secret file");
        byte[] secret = secret(file, text, spec.algorithm());
        return new TSIG(algorithm, keyName, secret);
    }

    /** {@code hmac-sha256}, in any case, with or without the trailing dot of its DNS name form. */
    static Name algorithm(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        key = key.endsWith(".") ? key.substring(0, key.length() - 1) : key;
        Name algorithm = ALGORITHMS.get(key);
        if (algorithm == null) {
            throw new Failure.BadInput("unknown TSIG algorithm '" + name + "': use " + ALGORITHM_LIST);
        }
        return algorithm;
    }

    private static Name keyName(String name) {
        try {
            return Name.fromString(name.trim(), Name.root);
        } catch (TextParseException e) {
            throw new Failure.BadInput("TSIG key name '" + name + "' is not a DNS name: " + e.getMessage());
        }
    }

    /** Any permission for the group or other users is refused; where a file system has no POSIX modes, none is. */
    private static void checkOwnerOnly(Path file) {
        Set<PosixFilePermission> mode;
        try {
            mode = Files.getPosixFilePermissions(file);
        } catch (IOException | UnsupportedOperationException e) {
            return; // a missing or unreadable file is reported, with its reason, by the read that follows
        }
        Set<PosixFilePermission> ownerOnly = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE);
        if (!ownerOnly.containsAll(mode)) {
            String shown = BoundedFiles.shown(file);
            throw new Failure.BadInput("TSIG secret file " + shown + " has mode " + PosixFilePermissions.toString(mode)
                    + ": its group or other users may use it; run 'chmod 600 " + shown + "'");
        }
    }

    /** The secret alone, or a {@code key "name" { algorithm ...; secret "..."; };} clause. */
    private static byte[] secret(Path file, String text, String configured) {
        String encoded = text.strip();
        Matcher clause = SECRET.matcher(text);
        if (clause.find()) {
            encoded = clause.group(1).strip();
            Matcher named = ALGORITHM.matcher(text);
            if (named.find() && !algorithm(configured).equals(algorithmOrNull(named.group(1)))) {
                throw new Failure.BadInput("TSIG secret file " + BoundedFiles.shown(file) + " is a key for "
                        + named.group(1) + " but the publisher is configured for " + configured
                        + ": set the algorithm to match");
            }
        }
        if (encoded.isEmpty() || !BASE64.matcher(encoded).matches()) {
            throw malformed(file);
        }
        try {
            byte[] secret = Base64.getMimeDecoder().decode(encoded);
            if (secret.length == 0) {
                throw malformed(file);
            }
            return secret;
        } catch (IllegalArgumentException e) {
            throw malformed(file); // not chained: the decoder's message quotes a character of the secret
        }
    }

    private static Name algorithmOrNull(String name) {
        try {
            return algorithm(name);
        } catch (Failure.BadInput unknown) {
            return null;
        }
    }

    private static Failure.BadInput malformed(Path file) {
        return new Failure.BadInput("TSIG secret file " + BoundedFiles.shown(file) + " holds no base64 secret: "
                + "write the secret alone, or the key clause tsig-keygen prints");
    }
}
