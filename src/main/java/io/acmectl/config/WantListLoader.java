package io.acmectl.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.acmectl.core.Failure;
import io.acmectl.core.WantList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
    /** How Jackson names the shape's records ({@code `io.acmectl.config.WantListYaml$Key`}): cut to {@code `Key`}. */
    private static final Pattern SHAPE_CLASS = Pattern.compile("`" + Pattern.quote(WantListYaml.class.getName() + "$"));

    private WantListLoader() {}

    /** {@code defaultServer}: for entries that name no server, neither themselves nor in defaults. */
    public static WantList load(Path file, String defaultServer) {
        String text = read(file);
        Positions positions = new Positions(YAML, file, text);
        return new WantListValidator(file, positions, defaultServer).check(bind(file, text, positions));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new Failure.BadInput("want list " + file + " does not exist", e);
        } catch (IOException e) {
            throw new Failure.BadInput("cannot read want list " + file + ": " + e.getMessage(), e);
        }
    }

    private static WantListYaml.File bind(Path file, String text, Positions positions) {
        try {
            WantListYaml.File parsed = MAPPER.readValue(text, WantListYaml.File.class);
            if (parsed == null) {
                throw new Failure.BadInput(file + ":1:1: the want list is empty");
            }
            return parsed;
        } catch (UnrecognizedPropertyException e) {
            List<String> known = e.getKnownPropertyIds() == null ? List.of()
                    : e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
            throw positions.fail(positions.orElse(Positions.KEY + pointer(e), e.getLocation()),
                    "unknown key '" + e.getPropertyName() + "'"
                            + (known.isEmpty() ? "" : " (known here: " + String.join(", ", known) + ")"));
        } catch (JsonMappingException e) {
            String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(Collectors.joining(".")).replace(".[", "[");
            throw positions.fail(positions.orElse(pointer(e), e.getLocation()),
                    "wrong type for '" + path + "': " + firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw positions.fail(e.getLocation(), "not valid YAML: " + firstLine(e.getOriginalMessage()));
        }
    }

    private static String pointer(JsonMappingException e) {
        return e.getPath().stream().map(r -> "/" + (r.getFieldName() != null ? r.getFieldName() : r.getIndex()))
                .collect(Collectors.joining());
    }

    /** The first line of a parser's message, without Java class names a user has no use for. */
    static String firstLine(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        return SHAPE_CLASS.matcher(line.replaceAll(" \\(class [^)]*\\)", "")).replaceAll(Matcher.quoteReplacement("`"));
    }
}
