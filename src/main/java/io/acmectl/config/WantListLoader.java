package io.acmectl.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.acmectl.AcmectlException;
import io.acmectl.acme.CaServer;
import io.acmectl.crypto.KeyType;
import io.acmectl.store.CertificateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import java.util.stream.Collectors;

/**
 * Reads a want list and checks all of it before anything is contacted. Every error names the file,
 * line and column and the offending value, and exits with code 2.
 */
public final class WantListLoader {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(YAML)
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS);

    private WantListLoader() {}

    // The file's shape. Defaults and certificates share one shape; name and domains are only for the latter.
    record File(Entry defaults, List<Entry> certificates) {}

    record Entry(String name, List<String> domains, Boolean includeApex, String server, List<String> email,
            Boolean agreeTos, Key key, Challenge challenge, String profile, String renewBefore, HookLists hooks) {}

    record Key(String type, Boolean reuse) {}

    record Challenge(String webroot, Standalone standalone) {}

    record Standalone(Integer port, String address) {}

    record HookLists(List<String> pre, List<String> post, List<String> deploy) {}

    /** {@code defaultServer}: for entries that name no server, neither themselves nor in defaults. */
    public static WantList load(Path file, String defaultServer) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw AcmectlException.usage("want list " + file + " does not exist");
        } catch (IOException e) {
            throw AcmectlException.usage("cannot read want list " + file + ": " + e.getMessage());
        }
        // Where things stand is only needed to report an error: found by a second pass, only then.
        Supplier<Map<String, JsonLocation>> at = memoize(() -> locations(file, text));
        return new Validation(file, at, defaultServer).check(bind(file, text, at));
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    private static File bind(Path file, String text, Supplier<Map<String, JsonLocation>> at) {
        try {
            File parsed = MAPPER.readValue(text, File.class);
            if (parsed == null) {
                throw AcmectlException.usage(file + ":1:1: the want list is empty");
            }
            return parsed;
        } catch (UnrecognizedPropertyException e) {
            List<String> known = e.getKnownPropertyIds() == null ? List.of()
                    : e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
            throw error(file, at.get().getOrDefault(KEY + pointer(e), e.getLocation()), "unknown key '" + e.getPropertyName() + "'"
                    + (known.isEmpty() ? "" : " (known here: " + String.join(", ", known) + ")"));
        } catch (JsonMappingException e) {
            String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(Collectors.joining(".")).replace(".[", "[");
            throw error(file, at.get().getOrDefault(pointer(e), e.getLocation()), "wrong type for '" + path + "': "
                    + firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw error(file, e.getLocation(), "not valid YAML: " + firstLine(e.getOriginalMessage()));
        }
    }

    /** Prefix of the entries in the location map that say where a key (not its value) stands. */
    private static final String KEY = "key:";

    private static String pointer(JsonMappingException e) {
        return e.getPath().stream().map(r -> "/" + (r.getFieldName() != null ? r.getFieldName() : r.getIndex()))
                .collect(Collectors.joining());
    }

    /**
     * Where each value stands, by JSON pointer ({@code /certificates/0/domains/1}), and each key
     * (under {@code key:/certificates/0/domains}), for the messages of later checks.
     */
    private static Map<String, JsonLocation> locations(Path file, String text) {
        Map<String, JsonLocation> at = new HashMap<>();
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                String pointer = parser.getParsingContext().pathAsPointer().toString();
                if (token == JsonToken.FIELD_NAME) {
                    at.putIfAbsent(KEY + pointer, parser.currentTokenLocation());
                } else if (token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
                    at.putIfAbsent(pointer, parser.currentTokenLocation());
                }
            }
        } catch (JsonProcessingException e) {
            throw error(file, e.getLocation(), "not valid YAML: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw AcmectlException.usage("cannot read want list " + file + ": " + e.getMessage());
        }
        return at;
    }

    private static String firstLine(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        return line.replaceAll(" \\(class [^)]*\\)", "").replaceAll("`[a-z.]+WantListLoader\\$", "`");
    }

    private static AcmectlException error(Path file, JsonLocation location, String message) {
        String where = location == null ? file + ":" : file + ":" + location.getLineNr() + ":" + location.getColumnNr() + ":";
        return AcmectlException.usage(where + " " + message);
    }

    /** The checks after binding; each knows where its value stands. */
    private record Validation(Path file, Supplier<Map<String, JsonLocation>> locations, String defaultServer) {
        WantList check(File parsed) {
            Entry defaults = parsed.defaults() != null ? parsed.defaults()
                    : new Entry(null, null, null, null, null, null, null, null, null, null, null);
            if (defaults.name() != null || defaults.domains() != null) {
                throw fail("/defaults", "name and domains belong to a certificate, not to defaults");
            }
            if (parsed.certificates() == null || parsed.certificates().isEmpty()) {
                throw fail("", "no certificates: add a 'certificates:' list");
            }
            List<WantList.Wanted> wanted = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < parsed.certificates().size(); i++) {
                Entry entry = parsed.certificates().get(i);
                String base = "/certificates/" + i;
                if (entry == null) {
                    throw fail(base, "empty certificate entry");
                }
                Integer earlier = seen.putIfAbsent(entry.name() == null ? "" : entry.name(), i);
                WantList.Wanted one = certificate(entry, defaults, base);
                if (earlier != null) {
                    throw fail(base + "/name", "duplicate certificate name '" + entry.name() + "' (first at "
                            + where("/certificates/" + earlier + "/name") + ")");
                }
                wanted.add(one);
            }
            return new WantList(file, hooks(defaults.hooks()), wanted);
        }

        private WantList.Wanted certificate(Entry entry, Entry defaults, String base) {
            if (entry.name() == null) {
                throw fail(base, "a certificate needs a name");
            }
            try {
                CertificateStore.checkName(entry.name());
            } catch (AcmectlException e) {
                throw fail(base + "/name", e.getMessage());
            }
            if (entry.domains() == null || entry.domains().isEmpty()) {
                throw fail(entry.domains() == null ? base : KEY + base + "/domains", "certificate '" + entry.name() + "' needs at least one domain under 'domains'");
            }
            List<String> domains = new ArrayList<>();
            for (int j = 0; j < entry.domains().size(); j++) {
                String domain;
                try {
                    domain = DomainName.normalize(entry.domains().get(j));
                } catch (AcmectlException e) {
                    throw fail(base + "/domains/" + j, e.getMessage());
                }
                if (DomainName.isWildcard(domain)) {
                    throw fail(base + "/domains/" + j, "wildcard '" + domain + "' needs dns-01, but this "
                            + "certificate answers http-01");
                }
                domains.add(domain);
            }
            boolean includeApex = first(entry.includeApex(), defaults.includeApex(), true);
            if (includeApex) {
                List<String> withApex = new ArrayList<>();
                for (String domain : domains) {
                    withApex.add(domain);
                    if (domain.startsWith("www.") && domain.indexOf('.', 4) > 0) {
                        withApex.add(domain.substring(4)); // www.example.com brings example.com
                    }
                }
                domains = DomainName.normalizeAll(withApex);
            }
            String serverPointer = entry.server() != null ? base + "/server" : "/defaults/server";
            String server;
            try {
                server = CaServer.resolve(first(entry.server(), defaults.server(), defaultServer)).directory()
                        .toString();
            } catch (AcmectlException e) {
                throw fail(serverPointer, e.getMessage());
            }
            Key defaultKey = defaults.key();
            String keyType = first(entry.key() == null ? null : entry.key().type(),
                    defaultKey == null ? null : defaultKey.type(), KeyType.EC256.id());
            try {
                KeyType.parse(keyType);
            } catch (AcmectlException e) {
                throw fail(entry.key() != null && entry.key().type() != null ? base + "/key/type" : "/defaults/key/type",
                        e.getMessage());
            }
            boolean reuse = first(entry.key() == null ? null : entry.key().reuse(),
                    defaultKey == null ? null : defaultKey.reuse(), false);
            String renewBefore = first(entry.renewBefore(), defaults.renewBefore(), "auto");
            if (RenewBefore.parse(renewBefore) == null) {
                throw fail(entry.renewBefore() != null ? base + "/renew-before" : "/defaults/renew-before",
                        "renew-before '" + renewBefore + "' is none of: auto, a duration such as 30d or 12h, a share "
                                + "such as 33%");
            }
            ChallengeSettings challenge = challenge(entry.challenge() != null ? entry.challenge() : defaults.challenge(),
                    entry.challenge() != null ? base + "/challenge"
                            : defaults.challenge() != null ? "/defaults/challenge" : base, entry.name());
            Hooks hooks = hooks(entry.hooks());
            String profile = first(entry.profile(), defaults.profile(), null);
            List<String> emails = first(entry.email(), defaults.email(), List.of());
            for (int j = 0; j < emails.size(); j++) {
                if (!emails.get(j).matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                    throw fail((entry.email() != null ? base : "/defaults") + "/email/" + j, "'" + emails.get(j)
                            + "' is not an e-mail address");
                }
            }
            return new WantList.Wanted(entry.name(), new CertificateSettings(server, null, domains,
                    new KeySettings(KeyType.parse(keyType).id(), reuse), challenge, profile, renewBefore, hooks),
                    emails, first(entry.agreeTos(), defaults.agreeTos(), false));
        }

        private ChallengeSettings challenge(Challenge challenge, String pointer, String name) {
            if (challenge == null || (challenge.webroot() == null) == (challenge.standalone() == null)) {
                throw fail(pointer,
                        "certificate '" + name + "' needs exactly one challenge: { webroot: DIR } or { standalone: "
                                + "{ port: 80 } }");
            }
            if (challenge.webroot() != null) {
                Path webroot = Path.of(challenge.webroot());
                if (!Files.isDirectory(webroot)) {
                    throw fail(pointer + "/webroot", "webroot " + webroot + (Files.exists(webroot)
                            ? " is not a folder" : " does not exist"));
                }
                return ChallengeSettings.webroot(webroot.toAbsolutePath().toString());
            }
            int port = first(challenge.standalone().port(), null, ChallengeSettings.DEFAULT_HTTP_PORT);
            if (port < 1 || port > 65535) {
                throw fail(pointer + "/standalone/port", "port " + port + " is not between 1 and 65535");
            }
            return ChallengeSettings.standalone(port, challenge.standalone().address());
        }

        private static Hooks hooks(HookLists lists) {
            return lists == null ? Hooks.NONE : new Hooks(lists.pre(), lists.post(), lists.deploy());
        }

        private AcmectlException fail(String pointer, String message) {
            return AcmectlException.usage(where(pointer) + " " + message);
        }

        /** The value at the pointer, else its key, else the nearest enclosing thing that has a place. */
        private String where(String pointer) {
            Map<String, JsonLocation> at = locations.get();
            JsonLocation location = at.containsKey(pointer) ? at.get(pointer) : at.get(KEY + pointer);
            if (location == null && pointer.matches("/certificates/\\d+")) {
                location = at.get(KEY + pointer + "/name"); // a certificate is where its name is
            }
            for (String p = pointer; location == null && p.contains("/"); ) {
                p = p.substring(0, p.lastIndexOf('/'));
                location = at.get(p);
            }
            return location == null ? file + ":" : file + ":" + location.getLineNr() + ":" + location.getColumnNr() + ":";
        }

        @SafeVarargs
        private static <T> T first(T... values) {
            for (T value : values) {
                if (value != null) {
                    return value;
                }
            }
            return null;
        }
    }

}
