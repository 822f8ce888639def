package io.acmectl.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.config.WantListLoader;
import io.acmectl.core.CaServer;
import io.acmectl.core.ChallengeChoice;
import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.Failure;
import io.acmectl.core.Hooks;
import io.acmectl.core.KeySpec;
import io.acmectl.core.DnsPublisher;
import io.acmectl.core.KeyType;
import io.acmectl.core.RenewBefore;
import io.acmectl.core.WantList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** certbot's files, literal and small, for the edge cases the real certbot in the end-to-end test never writes. */
class CertbotDirectoryTest {
    static final String LE = "https://acme-v02.api.letsencrypt.org/directory";
    static final String ACCOUNT = "https://acme-v02.api.letsencrypt.org/acme/acct/123456";

    @TempDir
    Path dir;

    CertbotFixture certbot;
    Path siteA;
    Path siteB;

    @BeforeEach
    void folders() throws Exception {
        certbot = new CertbotFixture(dir.resolve("letsencrypt"));
        siteA = Files.createDirectories(dir.resolve("www a"));
        siteB = Files.createDirectories(dir.resolve("www-b"));
    }

    private CertbotLineage lineage(CertbotExport export, String name) {
        return export.lineages().stream().filter(l -> l.name().value().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aWebrootMapOfTwoFoldersIsAChallengePerNameAndTheLiveVersionComesLast() throws Exception {
        certbot.account("acme-v02.api.letsencrypt.org/directory", "0a1b", ACCOUNT, KeyType.RSA2048.generate(),
                "mailto:admin@example.com");
        KeyPair first = KeyType.EC256.generate();
        KeyPair second = KeyType.EC256.generate();
        X509Certificate served = certbot.version("multi.example.com", 1, first, "multi.example.com",
                "shop.example.com");
        certbot.version("multi.example.com", 2, second, "multi.example.com", "shop.example.com");
        certbot.live("multi.example.com", 1); // a rollback: certbot serves the older version
        certbot.renewal("multi.example.com", certbot.head("multi.example.com") + """
                account = 0a1b
                authenticator = webroot
                server = %s
                key_type = ecdsa
                elliptic_curve = secp256r1
                reuse_key = True
                pre_hook = systemctl stop foo
                post_hook = "systemctl start foo, bar"   # quoted: it holds a comma
                renew_hook = systemctl reload nginx
                preferred_chain = ISRG Root X1
                webroot_path = %s, %s,
                [[webroot_map]]
                multi.example.com = %s
                shop.example.com = '%s'
                """.formatted(LE, siteA, siteB, siteA, siteB));
        CertbotExport export = CertbotDirectory.read(certbot.root);
        CertbotLineage lineage = lineage(export, "multi.example.com");
        assertEquals(List.of(2, 1), lineage.versions().stream().map(CertbotVersion::number).toList());
        assertEquals(served, lineage.live().certificate());
        assertEquals(List.of("multi.example.com", "shop.example.com"), lineage.spec().domains());
        assertEquals(new ChallengeChoice(new ChallengeSpec.Webroot(siteA), Map.of(
                "multi.example.com", new ChallengeSpec.Webroot(siteA),
                "shop.example.com", new ChallengeSpec.Webroot(siteB))), lineage.spec().challenges());
        assertEquals(new KeySpec(KeyType.EC256, true), lineage.spec().key());
        assertEquals(new Hooks(List.of("systemctl stop foo"), List.of("systemctl start foo, bar"),
                List.of("systemctl reload nginx")), lineage.spec().hooks());
        assertEquals("ISRG Root X1", lineage.spec().preferredChain());
        assertEquals(CaServer.resolve("letsencrypt"), lineage.spec().server());
        assertEquals("0a1b", lineage.accountId());
        assertTrue(lineage.renewable());
        CertbotAccount account = export.account("0a1b").orElseThrow();
        assertEquals(ACCOUNT, account.url().toString());
        assertEquals(LE, account.directory().toString());
        assertEquals(List.of("mailto:admin@example.com"), account.contacts());
        assertEquals(List.of(), export.notCarriedOver());
    }

    @Test
    void rsaWithoutAKeyTypeIsTakenFromTheKeyAndStandaloneKeepsItsPortAndAddress() throws Exception {
        certbot.version("rsa.example.org", 1, KeyType.RSA2048.generate(), "rsa.example.org");
        certbot.live("rsa.example.org", 1);
        certbot.renewal("rsa.example.org", certbot.head("rsa.example.org") + """
                authenticator = standalone
                server = https://acme.example.net/dir
                http01_port = 8080
                http01_address = 127.0.0.1
                """);
        certbot.version("ec.example.org", 1, KeyType.EC384.generate(), "ec.example.org");
        certbot.renewal("ec.example.org", certbot.head("ec.example.org") + """
                server = https://acme.example.net/dir
                key_type = ecdsa
                elliptic_curve = secp384r1
                """);
        CertbotExport export = CertbotDirectory.read(certbot.root);
        CertbotLineage rsa = lineage(export, "rsa.example.org");
        assertEquals(new KeySpec(KeyType.RSA2048, false), rsa.spec().key());
        assertEquals(ChallengeChoice.of(new ChallengeSpec.Standalone(8080, "127.0.0.1")), rsa.spec().challenges());
        assertNull(rsa.accountId());
        CertbotLineage ec = lineage(export, "ec.example.org");
        assertEquals(KeyType.EC384, ec.spec().key().type());
        assertEquals(ChallengeChoice.of(new ChallengeSpec.Standalone(80, null)), ec.spec().challenges(),
                "certbot's default authenticator");
        assertEquals(1, ec.versions().size(), "no live/ folder: the newest version is the live one");
    }

    @Test
    void whatHasNoCounterpartIsOneLineEachAndAnUnreadableLineageIsLeftOut() throws Exception {
        certbot.version("dns.example.net", 1, KeyType.EC256.generate(), "dns.example.net", "*.dns.example.net");
        certbot.live("dns.example.net", 1);
        certbot.renewal("dns.example.net", "renew_before_expiry = 2 weeks\n" + certbot.head("dns.example.net") + """
                authenticator = dns-cloudflare
                dns_cloudflare_credentials = /root/secret.ini
                dns_cloudflare_propagation_seconds = 30
                installer = nginx
                must_staple = True
                server = %s
                frobnicate = yes
                [[some_plugin_map]]
                a = b
                """.formatted(LE));
        certbot.renewal("gone.example.com", certbot.head("gone.example.com") + "server = " + LE + "\n");
        certbot.version("badkey.example.com", 1, KeyType.EC256.generate(), "badkey.example.com");
        Files.writeString(certbot.root.resolve("archive/badkey.example.com/privkey1.pem"),
                io.acmectl.crypto.Pem.keyPair(KeyType.EC256.generate()));
        certbot.renewal("badkey.example.com", certbot.head("badkey.example.com") + "server = " + LE + "\n");
        certbot.renewal("broken.example.com", "[renewalparams\nserver = x\n");
        Path hook = Files.createDirectories(certbot.root.resolve("renewal-hooks/deploy")).resolve("reload it.sh");
        Files.writeString(hook, "#!/bin/sh\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));

        CertbotExport export = CertbotDirectory.read(certbot.root);
        CertbotLineage dns = lineage(export, "dns.example.net");
        assertFalse(dns.renewable());
        assertEquals(RenewBefore.parse("14d"), dns.spec().renewBefore());
        assertEquals(List.of("dns.example.net"), export.lineages().stream().map(l -> l.name().value()).toList());
        assertEquals(List.of("'" + hook + "'"), export.globalHooks().deploy());
        List<String> notes = export.notCarriedOver();
        assertEquals(List.of(
                "renewal/badkey.example.com.conf: certificate not imported: the live version 1: privkey1.pem is not "
                        + "the key of cert1.pem",
                "renewal/broken.example.com.conf: certificate not imported: renewal/broken.example.com.conf:1: "
                        + "unreadable section header [renewalparams",
                "renewal/dns.example.net.conf: authenticator dns-cloudflare is not carried over: the certificate is "
                        + "imported and its want.yaml entry commented out; until the entry names a challenge (webroot, "
                        + "standalone, tls-alpn, dns), renewals try standalone on port 80",
                "renewal/dns.example.net.conf: installer nginx is not carried over: reload the web server in a "
                        + "deploy hook",
                "renewal/dns.example.net.conf: must_staple is not carried over (acmectl requests no OCSP "
                        + "must-staple)",
                "renewal/dns.example.net.conf: setting frobnicate is not carried over",
                "renewal/dns.example.net.conf: section [[some_plugin_map]] is not carried over",
                "renewal/gone.example.com.conf: certificate not imported: archive/gone.example.com is missing",
                "renewal-hooks/deploy/reload it.sh: not copied: want.yaml runs it where it is, as a global deploy "
                        + "hook (keep it there, or move it and change want.yaml)"), notes);
        assertTrue(notes.stream().noneMatch(n -> n.contains("secret.ini")), "no value of a setting is shown");
    }

    @Test
    void theWantListLoadsBackAsImportedWithTheUncarriedEntryCommentedOut() throws Exception {
        aWebrootMapOfTwoFoldersIsAChallengePerNameAndTheLiveVersionComesLast();
        certbot.version("www.example.org", 1, KeyType.EC256.generate(), "www.example.org");
        certbot.renewal("www.example.org", certbot.head("www.example.org") + "server = " + LE
                + "\nauthenticator = webroot\nwebroot_path = " + siteA + ",\n");
        certbot.version("manual.example.org", 1, KeyType.EC256.generate(), "manual.example.org");
        certbot.renewal("manual.example.org", certbot.head("manual.example.org") + "server = " + LE
                + "\nauthenticator = manual\nmanual_auth_hook = /bin/true\n");
        certbot.version("dns.example.org", 1, KeyType.EC256.generate(), "*.dns.example.org", "dns.example.org");
        certbot.renewal("dns.example.org", certbot.head("dns.example.org") + "server = " + LE
                + "\nauthenticator = manual\npref_challs = dns-01,\nmanual_auth_hook = /usr/local/bin/add \"txt\"\n"
                + "manual_cleanup_hook = /usr/local/bin/remove\n");
        CertbotExport export = CertbotDirectory.read(certbot.root);
        Path file = dir.resolve("want.yaml");
        Files.writeString(file, WantListText.of(export));
        WantList loaded = WantListLoader.load(file, "letsencrypt");
        assertEquals(List.of(), loaded.rejected(), Files.readString(file));
        assertEquals(List.of("dns.example.org", "multi.example.com", "www.example.org"),
                loaded.certificates().stream().map(w -> w.name().value()).toList(), Files.readString(file));
        // certbot's manual DNS hooks are told the record through the same CERTBOT_* environment here
        assertEquals(ChallengeChoice.of(new ChallengeSpec.Dns01(new DnsPublisher.Hook("/usr/local/bin/add \"txt\"",
                "/usr/local/bin/remove", null))), lineage(export, "dns.example.org").spec().challenges());
        for (WantList.Wanted wanted : loaded.certificates()) {
            CertbotLineage imported = lineage(export, wanted.name().value());
            assertEquals(imported.spec().domains(), wanted.spec().domains(), "include-apex: false where needed");
            assertEquals(imported.spec().challenges(), wanted.spec().challenges());
            assertEquals(imported.spec().key(), wanted.spec().key());
            assertEquals(imported.spec().hooks(), wanted.spec().hooks());
            assertEquals(imported.spec().server(), wanted.spec().server());
            assertEquals(imported.spec().preferredChain(), wanted.spec().preferredChain());
        }
        assertTrue(Files.readString(file).contains("  # - name: \"manual.example.org\""), Files.readString(file));
    }

    @Test
    void aFolderThatIsNotCertbotsIsOneClearError() throws Exception {
        Failure.BadInput notCertbot = assertThrows(Failure.BadInput.class, () -> CertbotDirectory.read(dir));
        assertEquals(dir + " is not a certbot configuration directory: it holds neither renewal/ nor accounts/",
                notCertbot.getMessage());
        Failure.BadInput missing = assertThrows(Failure.BadInput.class,
                () -> CertbotDirectory.read(dir.resolve("nope")));
        assertTrue(missing.getMessage().startsWith(dir.resolve("nope") + " is not a folder"), missing.getMessage());
    }

    @Test
    void configObjValuesListsQuotesAndComments() {
        ConfigObj.Section root = ConfigObj.parse("""
                top = 1
                [renewalparams]
                one = a b c   # a comment
                list = x, 'y, z', "w # not a comment",
                single = only,
                empty =
                both = \"""echo "it's", done\"""   # ConfigObj's quoting of both kinds of quote
                [[webroot_map]]
                "quoted.example" = /srv/q
                """, "t.conf");
        assertEquals("1", root.text("top").orElseThrow());
        ConfigObj.Section params = root.child("renewalparams");
        assertEquals(new ConfigObj.Value(List.of("a b c"), false), params.values().get("one"));
        assertEquals(new ConfigObj.Value(List.of("x", "y, z", "w # not a comment"), true), params.values().get("list"));
        assertEquals(new ConfigObj.Value(List.of("only"), true), params.values().get("single"));
        assertTrue(params.text("empty").isEmpty());
        assertEquals(new ConfigObj.Value(List.of("echo \"it's\", done"), false), params.values().get("both"));
        assertEquals("/srv/q", params.child("webroot_map").text("quoted.example").orElseThrow());
        Failure.BadInput unclosed = assertThrows(Failure.BadInput.class,
                () -> ConfigObj.parse("[renewalparams]\nx = 'open\n", "u.conf"));
        assertEquals("u.conf:2: a quote ' that is never closed", unclosed.getMessage());
    }
}
