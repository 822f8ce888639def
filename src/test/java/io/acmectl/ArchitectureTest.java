package io.acmectl;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house rule of the packages: cli → flow → {renewal, hooks, acme, challenge, store, config} →
 * {core, files, crypto}, with picocli only in cli and acme4j only in acme. Main classes only: a test
 * may reach wherever it needs to.
 */
class ArchitectureTest {
    private static final int MAX_CLASS_LINES = 250;
    private static final int MAX_METHOD_LINES = 40;

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.acmectl");
        // An empty import would make every rule below pass without looking at anything.
        assertTrue(main.contain(Main.class) && main.contain("io.acmectl.cli.App"),
                "no main classes were imported");
    }

    @Test
    void onlyMainDependsOnCli() {
        noClasses().that().resideOutsideOfPackage("io.acmectl.cli..")
                .and().doNotHaveFullyQualifiedName(Main.class.getName())
                .should().dependOnClassesThat().resideInAPackage("io.acmectl.cli..")
                .because("the command line is the top layer: flows return data and cli words it")
                .check(main);
    }

    @Test
    void picocliOnlyInCli() {
        noClasses().that().resideOutsideOfPackage("io.acmectl.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .because("flags are read in cli; everything below takes typed values")
                .check(main);
    }

    @Test
    void acme4jOnlyInAcme() {
        noClasses().that().resideOutsideOfPackage("io.acmectl.acme..")
                .should().dependOnClassesThat().resideInAPackage("org.shredzone.acme4j..")
                .because("one package speaks to the CA; the rest see our own types and Failure")
                .check(main);
    }

    @Test
    void configUsesOnlyCoreAndFiles() {
        classes().that().resideInAPackage("io.acmectl.config..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("io.acmectl..")
                        .or(resideInAnyPackage("io.acmectl.config..", "io.acmectl.core..", "io.acmectl.files..")))
                .because("want.yaml is read (through files' bounded reader) into core's value types and validated "
                        + "before any other work")
                .check(main);
    }

    @Test
    void migrateUsesOnlyTheBase() {
        classes().that().resideInAPackage("io.acmectl.migrate..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("io.acmectl..")
                        .or(resideInAnyPackage("io.acmectl.migrate..", "io.acmectl.core..", "io.acmectl.files..",
                                "io.acmectl.crypto..")))
                .because("another client's files are read into core's value types; storing them is the flow's")
                .check(main);
    }

    @Test
    void coreUsesNoOtherAcmectlPackage() {
        classes().that().resideInAPackage("io.acmectl.core..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("io.acmectl..")
                        .or(resideInAPackage("io.acmectl.core..")))
                .because("core holds the value types every layer shares, so it can lean on none of them")
                .check(main);
    }

    @Test
    void servicesAndUtilitiesDoNotReachUpToFlowOrCli() {
        noClasses().that().resideInAnyPackage("io.acmectl.store..", "io.acmectl.challenge..",
                        "io.acmectl.migrate..", "io.acmectl.renewal..", "io.acmectl.hooks..", "io.acmectl.files..",
                        "io.acmectl.crypto..")
                .should().dependOnClassesThat().resideInAnyPackage("io.acmectl.flow..", "io.acmectl.cli..")
                .because("flows are built from these services, never the other way round")
                .check(main);
    }

    @Test
    void storeKnowsNothingOfChallengesTheCaOrConfig() {
        noClasses().that().resideInAPackage("io.acmectl.store..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("io.acmectl.challenge..", "io.acmectl.acme..", "io.acmectl.config..")
                .because("the store keeps what was issued; how it was obtained is the flows' business")
                .check(main);
    }

    @Test
    void challengeKnowsNothingOfTheStoreTheCaOrConfig() {
        noClasses().that().resideInAPackage("io.acmectl.challenge..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("io.acmectl.store..", "io.acmectl.acme..", "io.acmectl.config..")
                .because("solvers answer a token for a name and know nothing of files, flags or the protocol")
                .check(main);
    }

    @Test
    void renewalUsesOnlyCoreAndTheJdk() {
        classes().that().resideInAPackage("io.acmectl.renewal..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("io.acmectl.renewal..", "io.acmectl.core..", "java..")
                .because("the renewal decision is a pure function of a stored certificate and an instant")
                .check(main);
    }

    @Test
    void hooksUseNoOtherAcmectlPackage() {
        classes().that().resideInAPackage("io.acmectl.hooks..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("io.acmectl..")
                        .or(resideInAPackage("io.acmectl.hooks..")))
                .because("hooks get what changed as environment strings, built by the flows")
                .check(main);
    }

    @Test
    void flowDoesNotDependOnCli() {
        noClasses().that().resideInAPackage("io.acmectl.flow..")
                .should().dependOnClassesThat().resideInAPackage("io.acmectl.cli..")
                .because("flows return outcomes as data; only cli turns them into text and exit codes")
                .check(main);
    }

    @Test
    void acmeUsesOnlyChallengeAmongTheServices() {
        classes().that().resideInAPackage("io.acmectl.acme..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("io.acmectl..")
                        .or(resideInAnyPackage("io.acmectl.acme..", "io.acmectl.challenge..", "io.acmectl.core..",
                                "io.acmectl.files..", "io.acmectl.crypto..")))
                .because("the order flow drives the solvers, and knows nothing else of the service layer")
                .check(main);
    }

    @Test
    void layersOnlyLookDown() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Entry").definedBy("io.acmectl")
                .layer("Cli").definedBy("io.acmectl.cli..")
                .layer("Flow").definedBy("io.acmectl.flow..")
                .layer("Services").definedBy("io.acmectl.renewal..", "io.acmectl.hooks..", "io.acmectl.acme..",
                        "io.acmectl.challenge..", "io.acmectl.store..", "io.acmectl.config..",
                        "io.acmectl.migrate..")
                .layer("Base").definedBy("io.acmectl.core..", "io.acmectl.files..", "io.acmectl.crypto..")
                .whereLayer("Entry").mayNotBeAccessedByAnyLayer()
                .whereLayer("Cli").mayOnlyBeAccessedByLayers("Entry")
                .whereLayer("Flow").mayOnlyBeAccessedByLayers("Cli")
                .whereLayer("Services").mayOnlyBeAccessedByLayers("Flow", "Cli")
                .whereLayer("Services").mayOnlyAccessLayers("Base")
                .whereLayer("Base").mayNotAccessAnyLayer()
                .ensureAllClassesAreContainedInArchitecture()
                .because("commands → flows → services → value types and utilities, as in lego; a new package "
                        + "must be given its place here")
                .check(main);
    }

    @Test
    void noMainClassOver250LinesAndNoMethodOver40() throws IOException {
        Path sources = Path.of("src/main/java");
        assertTrue(Files.isDirectory(sources), "run from the project folder: no " + sources.toAbsolutePath());
        List<String> tooLong = new ArrayList<>();
        int methodsSeen = 0;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        for (Path file : files) {
            String text = Files.readString(file);
            String where = sources.relativize(file).toString();
            long lines = text.lines().count();
            if (lines > MAX_CLASS_LINES) {
                tooLong.add(where + ": " + lines + " lines (limit " + MAX_CLASS_LINES + ")");
            }
            for (SourceMethods.Method method : SourceMethods.of(text)) {
                methodsSeen++;
                if (method.lines() > MAX_METHOD_LINES) {
                    tooLong.add(where + ": " + method + " (limit " + MAX_METHOD_LINES + ")");
                }
            }
        }
        assertTrue(methodsSeen > files.size(), "the scanner found only " + methodsSeen + " methods");
        assertTrue(tooLong.isEmpty(), "too long:\n  " + String.join("\n  ", tooLong));
    }

    /** The scanner behind the size rule must not be fooled by braces in strings, chars or comments. */
    @Test
    void sourceMethodsCountsFromTheSignatureToTheClosingBrace() {
        String source = String.join("\n",
                "package x;",                                               // 1
                "@Command(name = \"a\", subcommands = {A.class, B.class})",  // 2
                "public final class Sample {",                              // 3
                "    private static final int[] TABLE = {1, 2};",           // 4
                "    /** a { in a comment */",                              // 5
                "    @Option(names = {\"-x\"}, converter = K.class)",        // 6
                "    void first(String s) throws java.io.IOException {",    // 7
                "        String brace = \"}\"; char c = '{';",               // 8
                "        Runnable r = () -> { if (s.isEmpty()) { } };",     // 9
                "        String block = \"\"\"",                            // 10
                "            }}}",                                          // 11
                "            \"\"\";",                                      // 12
                "    }",                                                    // 13
                "    record Inner(int a) {",                                // 14
                "        Inner {",                                          // 15
                "            if (a < 0) { throw new IllegalArgumentException(); } // }", // 16
                "        }",                                                // 17
                "    }",                                                    // 18
                "    int second() { return 2; }",                           // 19
                "}");                                                       // 20
        List<String> found = SourceMethods.of(source).stream().map(SourceMethods.Method::toString).toList();
        assertEquals(List.of("Sample.first (lines 7-13): 7 lines", "Sample.Inner.Inner (lines 15-17): 3 lines",
                "Sample.second (lines 19-19): 1 lines"), found);
    }

    /**
     * Methods of a source file and their lines, from the signature (after its annotations) to the
     * closing brace. A brace-depth scan over the text with comments and literals blanked out; a
     * method's lambdas and local classes count as part of it.
     */
    static final class SourceMethods {
        private static final Pattern TYPE = Pattern.compile("(?:^|[^.\\w])(?:class|interface|enum|record)\\s+(\\w+)");
        private static final Pattern METHOD = Pattern.compile("(\\w+)\\s*\\(\\)\\s*(?:throws\\s+[\\w.$,\\s<>]+)?$");
        private static final Pattern COMPACT = Pattern.compile("^(?:\\w+\\s+)*(\\w+)$");
        private static final Pattern ANNOTATIONS =
                Pattern.compile("^\\s*(?:@[\\w.]+\\s*(?:\\((?:[^()]|\\([^()]*\\))*\\))?\\s*)*");

        record Method(String name, int firstLine, int lastLine) {
            int lines() {
                return lastLine - firstLine + 1;
            }

            @Override
            public String toString() {
                return name + " (lines " + firstLine + "-" + lastLine + "): " + lines() + " lines";
            }
        }

        private enum Kind { TYPE, METHOD, OTHER }

        private record Block(Kind kind, String name, int firstLine) {}

        static List<Method> of(String source) {
            String text = blankLiteralsAndComments(source);
            List<Method> methods = new ArrayList<>();
            Deque<Block> open = new ArrayDeque<>();
            StringBuilder header = new StringBuilder();
            int headerLine = 1;
            int parens = 0;
            int line = 1;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean declarations = open.isEmpty() || open.peek().kind() == Kind.TYPE;
                if (!declarations || parens > 0 && c != ')' && c != '(') {
                    if (!declarations && c == '{') {
                        open.push(new Block(Kind.OTHER, null, line));
                    } else if (!declarations && c == '}') {
                        Block closed = open.pop();
                        if (closed.kind() == Kind.METHOD) {
                            methods.add(new Method(closed.name(), closed.firstLine(), line));
                        }
                        if (open.isEmpty() || open.peek().kind() == Kind.TYPE) {
                            header.setLength(0);
                            headerLine = line;
                        }
                    } else if (declarations) {
                        header.append(c);
                    }
                } else if (c == '(' || c == ')') {
                    parens += c == '(' ? 1 : -1;
                    header.append(c);
                } else if (c == ';' || c == '{' || c == '}') {
                    if (c == '{') {
                        open.push(classify(header.toString(), headerLine, open));
                    } else if (c == '}' && !open.isEmpty()) {
                        open.pop();
                    }
                    header.setLength(0);
                    headerLine = line;
                } else {
                    header.append(c);
                }
                if (c == '\n') {
                    line++;
                }
            }
            return methods;
        }

        private static Block classify(String header, int headerLine, Deque<Block> open) {
            Matcher annotations = ANNOTATIONS.matcher(header);
            annotations.lookingAt();
            int start = annotations.end();
            while (start < header.length() && Character.isWhitespace(header.charAt(start))) {
                start++;
            }
            int firstLine = headerLine + (int) header.substring(0, start).chars().filter(ch -> ch == '\n').count();
            String signature = collapseParentheses(header.substring(start)).strip();
            String outer = open.isEmpty() ? "" : open.peek().name() + ".";
            Matcher type = TYPE.matcher(signature);
            if (type.find()) {
                return new Block(Kind.TYPE, outer + type.group(1), firstLine);
            }
            if (signature.contains("=")) {
                return new Block(Kind.OTHER, null, firstLine);
            }
            Matcher method = METHOD.matcher(signature);
            Matcher compact = COMPACT.matcher(signature);
            if (method.find()) {
                return new Block(Kind.METHOD, outer + method.group(1), firstLine);
            } else if (signature.isEmpty() || compact.matches()) {
                String name = signature.isEmpty() ? "<init block>"
                        : compact.group(1).equals("static") ? "<static init>" : compact.group(1);
                return new Block(Kind.METHOD, outer + name, firstLine);
            }
            return new Block(Kind.OTHER, null, firstLine);
        }

        private static String collapseParentheses(String text) {
            StringBuilder out = new StringBuilder();
            int depth = 0;
            for (char c : text.toCharArray()) {
                if (c == ')') {
                    depth--;
                }
                if (depth == 0) {
                    out.append(c);
                }
                if (c == '(') {
                    depth++;
                }
            }
            return out.toString();
        }

        /** The same text, with every comment, string, text block and char literal turned into spaces (newlines kept). */
        static String blankLiteralsAndComments(String source) {
            StringBuilder out = new StringBuilder(source);
            int i = 0;
            int n = source.length();
            while (i < n) {
                int end;
                if (source.startsWith("//", i)) {
                    end = source.indexOf('\n', i);
                    end = end < 0 ? n : end;
                } else if (source.startsWith("/*", i)) {
                    end = source.indexOf("*/", i + 2);
                    end = end < 0 ? n : end + 2;
                } else if (source.startsWith("\"\"\"", i)) {
                    end = closing(source, i + 3, "\"\"\"");
                } else if (source.charAt(i) == '"') {
                    end = closing(source, i + 1, "\"");
                } else if (source.charAt(i) == '\'') {
                    end = closing(source, i + 1, "'");
                } else {
                    i++;
                    continue;
                }
                for (int j = i; j < end; j++) {
                    if (out.charAt(j) != '\n') {
                        out.setCharAt(j, ' ');
                    }
                }
                i = end;
            }
            return out.toString();
        }

        /** The index after the unescaped {@code quote} that ends a literal begun before {@code from}. */
        private static int closing(String source, int from, String quote) {
            int i = from;
            while (i < source.length()) {
                if (source.charAt(i) == '\\') {
                    i += 2;
                } else if (source.startsWith(quote, i)) {
                    return i + quote.length();
                } else {
                    i++;
                }
            }
            return source.length();
        }
    }
}
