package io.acmectl.migrate;

import io.acmectl.core.CertificateName;
import io.acmectl.core.CertificateSpec;
import io.acmectl.core.ChallengeChoice;
import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.Failure;
import io.acmectl.core.Hooks;
import io.acmectl.core.KeySpec;
import io.acmectl.core.KeyType;
import io.acmectl.crypto.CertificateCheck;
import io.acmectl.files.BoundedFiles;
import io.acmectl.files.IoReasons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a certbot configuration directory ({@code /etc/letsencrypt}) without changing it and without
 * contacting any CA: accounts, every {@code renewal/NAME.conf} with its archived versions, and the hooks
 * in {@code renewal-hooks/}. A lineage or account that cannot be read is left out with a note; a folder
 * that is not certbot's at all is one clear error.
 */
public final class CertbotDirectory {
    private static final String CONF = ".conf";
    private static final long MAX_CONF = BoundedFiles.MIB;
    private static final Pattern COMMON_NAME = Pattern.compile("(?:^|,)CN=([^,]+)");

    private final Path root;
    private final List<String> notes = new ArrayList<>();

    private CertbotDirectory(Path root) {
        this.root = root;
    }

    public static CertbotExport read(Path directory) {
        Path root = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new Failure.BadInput(root + " is not a folder: name certbot's configuration directory "
                    + "(/etc/letsencrypt)");
        }
        if (!Files.isDirectory(root.resolve("renewal")) && !Files.isDirectory(root.resolve("accounts"))) {
            throw new Failure.BadInput(root + " is not a certbot configuration directory: it holds neither "
                    + "renewal/ nor accounts/");
        }
        return new CertbotDirectory(root).read();
    }

    private CertbotExport read() {
        List<CertbotAccount> accounts = CertbotAccounts.read(root.resolve("accounts"), notes);
        List<CertbotLineage> lineages = new ArrayList<>();
        for (Path conf : confs()) {
            String shown = "renewal/" + conf.getFileName();
            try {
                lineages.add(lineage(conf, shown, accounts));
            } catch (Failure.BadInput | IllegalArgumentException e) {
                notes.add(shown + ": certificate not imported: " + e.getMessage());
            }
        }
        Hooks hooks = new Hooks(folderHooks("pre"), folderHooks("post"), folderHooks("deploy"));
        return new CertbotExport(root, accounts, lineages, hooks, notes);
    }

    private List<Path> confs() {
        Path renewal = root.resolve("renewal");
        if (!Files.isDirectory(renewal)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(renewal)) {
            return files.filter(f -> f.getFileName().toString().endsWith(CONF) && Files.isRegularFile(f)).sorted()
                    .toList();
        } catch (IOException e) {
            throw new Failure.BadInput("cannot list " + renewal + ": " + IoReasons.of(e), e);
        }
    }

    private CertbotLineage lineage(Path conf, String shown, List<CertbotAccount> accounts) {
        String fileName = conf.getFileName().toString();
        CertificateName name = CertificateName.of(fileName.substring(0, fileName.length() - CONF.length()));
        ConfigObj.Section section = ConfigObj.parse(BoundedFiles.readString(conf, MAX_CONF, "renewal file"), shown);
        Path archive = root.resolve("archive").resolve(name.value());
        if (!Files.isDirectory(archive)) {
            archive = section.text("archive_dir").map(Path::of).orElse(archive);
        }
        Path liveCert = root.resolve("live").resolve(name.value()).resolve("cert.pem");
        if (!Files.exists(liveCert)) {
            liveCert = section.text("cert").map(Path::of).orElse(liveCert);
        }
        List<CertbotVersion> versions = new CertbotArchive(archive, liveCert, "archive/" + name).versions(notes);
        CertbotVersion live = versions.get(versions.size() - 1);
        List<String> names = names(live.certificate());
        RenewalSettings settings = RenewalSettings.of(section, shown, names);
        notes.addAll(settings.notes());
        KeyType keyType = settings.keyType() != null ? settings.keyType() : KeyType.of(live.key().getPublic());
        ChallengeChoice challenges = settings.challenges() != null ? settings.challenges()
                : ChallengeChoice.of(new ChallengeSpec.Standalone(ChallengeSpec.Standalone.DEFAULT_PORT, null));
        CertificateSpec spec = CertificateSpec.builder(settings.server(), names, challenges)
                .key(new KeySpec(keyType, settings.reuseKey())).hooks(settings.hooks())
                .renewBefore(settings.renewBefore()).preferredChain(settings.preferredChain()).build();
        String accountId = settings.accountId();
        boolean known = accountId != null && accounts.stream().anyMatch(a -> a.id().equals(settings.accountId()));
        if (accountId != null && !known) {
            notes.add(shown + ": its account " + accountId + " is not among certbot's accounts: renewals use the "
                    + "server's default account");
        }
        return new CertbotLineage(name, spec, known ? accountId : null, versions, settings.challenges() != null);
    }

    /** The certificate's names, its common name first (certbot's first -d), then the rest sorted. */
    static List<String> names(X509Certificate certificate) {
        List<String> names = new ArrayList<>(CertificateCheck.subjectAltNames(certificate));
        Matcher cn = COMMON_NAME.matcher(certificate.getSubjectX500Principal().getName());
        if (cn.find() && names.remove(cn.group(1).toLowerCase(java.util.Locale.ROOT))) {
            names.add(0, cn.group(1).toLowerCase(java.util.Locale.ROOT));
        }
        if (names.isEmpty()) {
            throw new Failure.BadInput("its certificate names no domain (subjectAltName)");
        }
        return names;
    }

    /**
     * certbot runs the executables in {@code renewal-hooks/KIND/} by name for every certificate: they
     * stay where they are and run from there, which the notes say.
     */
    private List<String> folderHooks(String kind) {
        Path folder = root.resolve("renewal-hooks").resolve(kind);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> executables;
        try (Stream<Path> files = Files.list(folder)) {
            executables = files.filter(f -> Files.isRegularFile(f) && Files.isExecutable(f)).sorted().toList();
        } catch (IOException e) {
            throw new Failure.BadInput("cannot list " + folder + ": " + IoReasons.of(e), e);
        }
        for (Path hook : executables) {
            notes.add("renewal-hooks/" + kind + "/" + hook.getFileName() + ": not copied: want.yaml runs it where it is, as a global "
                    + kind + " hook (keep it there, or move it and change want.yaml)");
        }
        return executables.stream().map(p -> shellQuoted(p.toString())).toList();
    }

    /** A path as one word for /bin/sh, whatever it holds. */
    static String shellQuoted(String path) {
        return path.matches("[A-Za-z0-9_./@%+=:,-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
    }
}
