package io.acmectl.store;

/**
 * Files exactly as the store wrote them before it had records of its own (acmectl at commit
 * eefc0bf, generated with its CertificateStore and Store.cached), so stores made then keep loading.
 */
final class OldFiles {
    private OldFiles() {}

    /** A webroot lineage from a want list: account, profile, renew-before "auto", hooks, ARI state. */
    static final String WEBROOT = """
            {
              "name" : "www.example.com",
              "version" : 3,
              "serial" : "04a1b2c3",
              "issued-at" : "2026-01-02T03:04:05Z",
              "not-before" : "2026-01-02T02:04:05Z",
              "not-after" : "2026-04-02T02:04:05Z",
              "settings" : {
                "server" : "https://localhost:14000/dir",
                "account" : "https://localhost:14000/my-account/1",
                "domains" : [ "www.example.com", "example.com" ],
                "key" : {
                  "type" : "ec256",
                  "reuse" : true
                },
                "challenge" : {
                  "type" : "http-01",
                  "webroot" : "/var/www/html"
                },
                "profile" : "shortlived",
                "renew-before" : "auto",
                "hooks" : {
                  "pre" : [ "systemctl stop nginx" ],
                  "post" : [ "systemctl start nginx" ],
                  "deploy" : [ "systemctl reload nginx" ]
                }
              },
              "renewal" : {
                "ari-window-start" : "2026-03-01T00:00:00Z",
                "ari-window-end" : "2026-03-03T00:00:00Z",
                "ari-explanation" : "https://ca.example/explain",
                "ari-next-check" : "2026-02-01T06:00:00Z",
                "last-failure" : "the CA said no",
                "last-failure-at" : "2026-02-01T05:00:00Z"
              }
            }
            """;

    /** A revoked standalone lineage with a port and an address, renew-before "30d", and no ARI at the CA. */
    static final String STANDALONE = """
            {
              "name" : "mail.example.org",
              "version" : 1,
              "serial" : "7f",
              "issued-at" : "2026-01-02T03:04:05Z",
              "not-before" : "2026-01-02T02:04:05Z",
              "not-after" : "2026-04-02T02:04:05Z",
              "revoked-at" : "2026-01-05T00:00:00Z",
              "revocation-reason" : "superseded",
              "settings" : {
                "server" : "https://acme-v02.api.letsencrypt.org/directory",
                "domains" : [ "mail.example.org" ],
                "key" : {
                  "type" : "rsa2048",
                  "reuse" : false
                },
                "challenge" : {
                  "type" : "http-01",
                  "port" : 8080,
                  "address" : "127.0.0.1"
                },
                "renew-before" : "30d",
                "hooks" : {
                  "pre" : [ ],
                  "post" : [ ],
                  "deploy" : [ ]
                }
              },
              "renewal" : {
                "ari-next-check" : "2026-01-03T00:00:00Z",
                "ari-unsupported" : true
              }
            }
            """;

    /** What {@code acmectl issue} wrote: no account yet, no renew-before, the default port, nothing known. */
    static final String ISSUED = """
            {
              "name" : "a.example.net",
              "version" : 1,
              "serial" : "01",
              "issued-at" : "2026-01-02T03:04:05Z",
              "not-before" : "2026-01-02T02:04:05Z",
              "not-after" : "2026-04-02T02:04:05Z",
              "settings" : {
                "server" : "https://localhost:14000/dir",
                "domains" : [ "a.example.net" ],
                "key" : {
                  "type" : "ec256",
                  "reuse" : false
                },
                "challenge" : {
                  "type" : "http-01",
                  "port" : 80
                },
                "hooks" : {
                  "pre" : [ ],
                  "post" : [ ],
                  "deploy" : [ ]
                }
              },
              "renewal" : { }
            }
            """;

    /** {@code cache/want-list.json}, whose file was a {@code file:} URI then. */
    static final String WANT_LIST_CACHE = """
            {
              "key" : "k1",
              "value" : {
                "file" : "file:///etc/acmectl/want.yaml",
                "hooks" : {
                  "pre" : [ "g-pre" ],
                  "post" : [ ],
                  "deploy" : [ ]
                },
                "certificates" : [ {
                  "name" : "www.example.com",
                  "settings" : {
                    "server" : "https://localhost:14000/dir",
                    "domains" : [ "www.example.com", "example.com" ],
                    "key" : {
                      "type" : "ec256",
                      "reuse" : true
                    },
                    "challenge" : {
                      "type" : "http-01",
                      "webroot" : "/var/www/html"
                    },
                    "profile" : "shortlived",
                    "renew-before" : "auto",
                    "hooks" : {
                      "pre" : [ "systemctl stop nginx" ],
                      "post" : [ "systemctl start nginx" ],
                      "deploy" : [ "systemctl reload nginx" ]
                    }
                  },
                  "emails" : [ "admin@example.com" ],
                  "agree-tos" : true
                } ]
              }
            }
            """;
}
