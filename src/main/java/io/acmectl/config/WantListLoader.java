package io.acmectl.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.acmectl.core.Failure;
import io.acmectl.core.Quote;
import io.acmectl.core.WantList;
import io.acmectl.files.BoundedFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a want list and checks all of it before anything is contacted. Every error is a
 * {@link Failure.BadInput} that names the file, line and column and the offending value.
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
        WantList wantList = new WantListValidator(file, positions, defaultServer).check(parsed);
        return new GuardSettings(positions).apply(parsed, wantList);
    }

    private static WantListYaml.File bind(String text, Positions positions) {
        try {
            WantListYaml.File parsed = text.isBlank() ? null : MAPPER.readValue(text, WantListYaml.File.class);
            return parsed != null ? parsed : WantListYaml.File.EMPTY;
        } catch (UnrecognizedPropertyException e) {
            List<String> known = e.getKnownPropertyIds() == null ? List.of()
                    : e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
            throw positions.fail(positions.orElse(Positions.KEY + pointer(e), e.getLocation()),
                    "unknown key " + Quote.of(e.getPropertyName())
                            + (known.isEmpty() ? "" : " (known here: " + String.join(", ", known) + ")"));
        } catch (JsonMappingException e) {
            if (e instanceof MismatchedInputException && e.getPath().isEmpty() && e.getOriginalMessage() != null
                    && e.getOriginalMessage().startsWith("No content to map")) {
                return WantListYaml.File.EMPTY; // comments only
            }
            throw wrongType(e, positions);
        } catch (JsonProcessingException e) {
            throw positions.invalid(e);
        }
    }

    private static Failure.BadInput wrongType(JsonMappingException e, Positions positions) {
        String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                : "[" + r.getIndex() + "]").collect(Collectors.joining(".")).replace(".[", "[");
        return positions.fail(positions.orElse(pointer(e), e.getLocation()),
                "wrong type for " + Quote.of(path) + ": " + firstLine(e.getOriginalMessage()));
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
