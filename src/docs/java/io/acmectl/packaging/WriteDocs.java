package io.acmectl.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Attributes;
import org.asciidoctor.Options;

/**
 * Writes completions/ and man/ into the checkout from picocli's model ({@link GeneratedDocs}),
 * converting each man page from AsciiDoc to roff with asciidoctorj. Run by dev/generate-docs.sh
 * ({@code ./mvnw -Pdocs}): the only place that needs asciidoctorj (JRuby), so a normal build does not.
 */
public final class WriteDocs {
    private WriteDocs() {}

    public static void main(String[] args) throws IOException {
        Path checkout = Path.of(args[0]);
        for (Map.Entry<String, String> file : GeneratedDocs.completions().entrySet()) {
            write(checkout.resolve(file.getKey()), file.getValue());
        }
        Path man = Files.createDirectories(checkout.resolve("man"));
        try (Stream<Path> old = Files.list(man)) {
            for (Path page : old.filter(p -> p.getFileName().toString().endsWith(".1")).toList()) {
                Files.delete(page); // a command that is gone loses its page
            }
        }
        // No date in a page: it would change at every generation and make every page look stale.
        Attributes attributes = Attributes.builder().attribute("reproducible", "").attribute("docdate", "")
                .attribute("revdate", "").build();
        try (Asciidoctor asciidoctor = Asciidoctor.Factory.create()) {
            for (Map.Entry<String, String> page : GeneratedDocs.manPageSources().entrySet()) {
                String roff = asciidoctor.convert(page.getValue(), Options.builder().backend("manpage").standalone(true)
                        .attributes(attributes).build());
                // The mark goes second: man reads the first line for preprocessors ('\" t).
                int firstLine = roff.indexOf('\n') + 1;
                write(checkout.resolve(page.getKey()), roff.substring(0, firstLine) + GeneratedDocs.SOURCE_MARK
                        + GeneratedDocs.digest(page.getValue()) + "\n" + roff.substring(firstLine) + "\n");
            }
        }
    }

    private static void write(Path path, String text) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, text, StandardCharsets.UTF_8);
        System.out.println("wrote " + path);
    }
}
