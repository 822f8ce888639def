package io.acmectl.store;

import io.acmectl.core.Failure;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The folder names of servers and accounts: each one name, never a path. Shared by both stores. */
final class AccountIds {
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private AccountIds() {}

    /** A folder name for an account: the CA's own id where it is a plain token, else a digest of the URL. */
    static String idOf(URL url) {
        String path = url.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (SAFE_ID.matcher(last).matches()) {
            return last;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** A server id is one folder name ({@code host} or {@code host_port}), never a path. */
    static String checkServerId(String serverId) {
        if (serverId == null || serverId.isEmpty() || serverId.equals(".") || serverId.equals("..")
                || serverId.contains("/") || serverId.contains("\\") || serverId.indexOf('\0') >= 0) {
            throw new Failure.BadInput("invalid server id '" + serverId + "'");
        }
        return serverId;
    }

    /** An account id names one folder; anything else did not come from this store. */
    static String checkAccountId(String id) {
        if (id == null || !SAFE_ID.matcher(id).matches()) {
            throw new Failure.BadInput("invalid account id '" + id + "'");
        }
        return id;
    }
}
