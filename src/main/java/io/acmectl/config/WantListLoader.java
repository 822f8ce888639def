package io.acmectl.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.acmectl.core.Failure;
import io.acmectl.core.Notify;
import io.acmectl.core.Quote;
import io.acmectl.core.WantList;
import io.acmectl.files.BoundedFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a want list and checks all of it before anything is contacted. Every error names the file,
 * line and column and the offending value. An error in the file as a whole (not YAML, a top-level
 * key, {@code defaults}, {@code rate-limits}, {@code policy}, {@code notify}, {@code metrics-file}, the checks
 * before the CA) is thrown as a {@link Failure.BadInput}:
 * no entry can be trusted then. An error in a certificate's entry rejects that entry only: the want
 * list holds the valid ones and, in {@link WantList#rejected()}, every error of the others.
 */
public final class WantListLoader {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final ObjectMapper MAPPER = YAMLMapper.builder(YAML)
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    private static final ObjectReader ENTRY = MAPPER.readerFor(WantListYaml.Entry.class);
    private static final ObjectReader CHALLENGE = MAPPER.readerFor(WantListYaml.Challenge.class);
    /** An entry has a dozen keys; a hundred unknown ones is no entry, and the last is not worth finding. */
    private static final int MAX_UNKNOWN_KEYS = 100;
    /** A want list is a few kB; a megabyte is ten thousand certificates. */
    public static final long MAX_BYTES = BoundedFiles.MIB;
    /** How much of a parser's message an error shows (it may quote a whole value). */
    private static final int MESSAGE_LENGTH = 160;
    /** How Jackson names the shape's records ({@code `io.acmectl.config.WantListYaml$Key`}): cut to {@code `Key`}. */
    private static final Pattern SHAPE_CLASS = Pattern.compile("`" + Pattern.quote(WantListYaml.class.getName() + "$"));

    private WantListLoader() {}

    /**
     * {@code defaultServer}: for entries that name no server, neither themselves nor in defaults. A
     * file that lists no certificate (empty, comments only, {@code certificates: []}) is a want list
     * with nothing in it: a fresh install is not an error.
     */
    public static WantList load(Path file, String defaultServer) {
        String text = BoundedFiles.readString(file, MAX_BYTES, "want list");
        Positions positions = new Positions(YAML, file, text);
        YamlScreen.check(YAML, positions, text);
        WantListYaml.File parsed = bind(text, positions);
        GuardSettings guard = new GuardSettings(positions, parsed);
        ReportSettings reports = new ReportSettings(positions);
        Notify notify = reports.notify(parsed.notification());
        Path metricsFile = reports.metricsFile(parsed.metricsFile());
        io.acmectl.core.PreflightChecks checks = new PreflightSettings(positions).of(parsed);
        return new WantListEntries(positions, new WantListValidator(positions, defaultServer, guard))
                .check(file, parsed, guard).withReporting(notify, metricsFile).withChecks(checks);
    }

    /**
     * One certificate entry ({@code base}: {@code /certificates/3}), or null when it does not bind: then
     * {@code errors} holds each unknown key it has (each is left out and the entry bound again, a
     * bounded number of times) and the first value of a wrong type.
     */
    static WantListYaml.Entry entry(JsonNode node, String base, Positions positions, List<Failure.BadInput> errors) {
        JsonNode copy = node.deepCopy();
        boolean unknown = false;
        for (int tries = 0; tries <= MAX_UNKNOWN_KEYS; tries++) {
            try {
                WantListYaml.Entry entry = ENTRY.readValue(copy);
                return unknown ? null : entry; // bound again only to find more unknown keys
            } catch (UnrecognizedPropertyException e) {
                errors.add(unknownKey(e, base, positions));
                unknown = true;
                if (!leaveOut(copy, e.getPath())) {
                    return null;
                }
            } catch (JsonMappingException e) {
                errors.add(wrongType(e, base, positions));
                return null;
            } catch (IOException e) {
                throw new IllegalStateException("a tree in memory could not be read", e);
            }
        }
        return null;
    }

    /**
     * One way to prove control, bound from the tree at {@code pointer} ({@code shown}: how an error
     * names it, {@code certificates[3].challenge}); an unknown key or a wrong type is thrown.
     */
    static WantListYaml.Challenge challenge(JsonNode node, String pointer, String shown, Positions positions) {
        try {
            return CHALLENGE.readValue(node);
        } catch (UnrecognizedPropertyException e) {
            throw positions.failAtKey(pointer + pointer(e), unknown(e));
        } catch (JsonMappingException e) {
            throw positions.fail(pointer + pointer(e), wrongType(e, shown));
        } catch (IOException e) {
            throw new IllegalStateException("a tree in memory could not be read", e);
        }
    }

    /** Takes the key a path ends in out of the tree; false when the path does not lead to it. */
    private static boolean leaveOut(JsonNode root, List<JsonMappingException.Reference> path) {
        JsonNode parent = root;
        for (int i = 0; i < path.size() - 1 && parent != null; i++) {
            JsonMappingException.Reference step = path.get(i);
            parent = step.getFieldName() != null ? parent.get(step.getFieldName()) : parent.get(step.getIndex());
        }
        String key = path.isEmpty() ? null : path.get(path.size() - 1).getFieldName();
        return parent instanceof ObjectNode object && key != null && object.remove(key) != null;
    }

    private static WantListYaml.File bind(String text, Positions positions) {
        try {
            WantListYaml.File parsed = text.isBlank() ? null : MAPPER.readValue(text, WantListYaml.File.class);
            return parsed != null ? parsed : WantListYaml.File.EMPTY;
        } catch (UnrecognizedPropertyException e) {
            throw positions.fail(positions.orElse(Positions.KEY + pointer(e), e.getLocation()), unknown(e));
        } catch (JsonMappingException e) {
            if (e instanceof MismatchedInputException && e.getPath().isEmpty() && e.getOriginalMessage() != null
                    && e.getOriginalMessage().startsWith("No content to map")) {
                return WantListYaml.File.EMPTY; // comments only
            }
            throw positions.fail(positions.orElse(pointer(e), e.getLocation()), wrongType(e, ""));
        } catch (JsonProcessingException e) {
            throw positions.invalid(e);
        }
    }

    /** An entry's unknown key, where the key stands (a tree has no locations: the text's are used). */
    private static Failure.BadInput unknownKey(UnrecognizedPropertyException e, String base, Positions positions) {
        return positions.failAtKey(base + pointer(e), unknown(e));
    }

    private static Failure.BadInput wrongType(JsonMappingException e, String base, Positions positions) {
        String prefix = "certificates[" + base.substring(base.lastIndexOf('/') + 1) + "]";
        return positions.fail(base + pointer(e), wrongType(e, prefix));
    }

    private static String unknown(UnrecognizedPropertyException e) {
        List<String> known = e.getKnownPropertyIds() == null ? List.of()
                : e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
        return "unknown key " + Quote.of(e.getPropertyName())
                + (known.isEmpty() ? "" : " (known here: " + String.join(", ", known) + ")");
    }

    /** {@code prefix}: how the path the error names begins ({@code certificates[3]}), or empty from the top. */
    private static String wrongType(JsonMappingException e, String prefix) {
        String path = e.getPath().stream().map(r -> r.getFieldName() != null ? "." + r.getFieldName()
                : "[" + r.getIndex() + "]").collect(Collectors.joining());
        path = prefix + (prefix.isEmpty() && path.startsWith(".") ? path.substring(1) : path);
        return "wrong type for " + Quote.of(path) + ": " + firstLine(e.getOriginalMessage());
    }

    private static String pointer(JsonMappingException e) {
        return e.getPath().stream().map(r -> "/" + (r.getFieldName() != null ? r.getFieldName() : r.getIndex()))
                .collect(Collectors.joining());
    }

    /** The first line of a parser's message, without Java class names a user has no use for. */
    static String firstLine(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        String cut = Quote.cut(line, MESSAGE_LENGTH);
        return SHAPE_CLASS.matcher(cut.replaceAll(" \\(class [^)]*\\)", "")).replaceAll(Matcher.quoteReplacement("`"));
    }
}
