package io.acmectl.packaging;

import io.acmectl.cli.CommandTree;
import io.acmectl.core.CaServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * What completions/ and man/ hold, made from picocli's model of the commands ({@link CommandTree}):
 * the bash completion (picocli's {@link AutoComplete}, with the two options whose words are known
 * only to acmectl filled in), the zsh completion (the same script through zsh's bashcompinit), and
 * one man page per command as AsciiDoc ({@link ManPageGenerator}). The AsciiDoc becomes roff in
 * {@code dev/generate-docs.sh}, which needs asciidoctorj; the roff carries the digest of its source,
 * so {@link GeneratedDocsTest} sees a stale page without converting anything.
 */
final class GeneratedDocs {
    static final String BASH = "completions/acmectl.bash";
    static final String ZSH = "completions/_acmectl";
    /** The roff comment that names the AsciiDoc a page was made from. */
    static final String SOURCE_MARK = ".\\\" Generated from the picocli model by dev/generate-docs.sh; source sha256 ";

    private GeneratedDocs() {}

    /** The two completion scripts by their path in the checkout. */
    static Map<String, String> completions() {
        String bash = fillIn(AutoComplete.bash("acmectl", CommandTree.full()));
        Map<String, String> files = new LinkedHashMap<>();
        files.put(BASH, bash);
        files.put(ZSH, zsh(bash));
        return files;
    }

    /** Each command's man page as AsciiDoc, by the path of its roff in the checkout (man/NAME.1). */
    static Map<String, String> manPageSources() {
        Map<String, String> pages = new LinkedHashMap<>();
        addPages(CommandTree.full(), pages);
        return pages;
    }

    static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void addPages(CommandLine command, Map<String, String> pages) {
        CommandSpec spec = command.getCommandSpec();
        if (spec.usageMessage().hidden() || spec.userObject() instanceof CommandLine.HelpCommand) {
            return;
        }
        StringWriter adoc = new StringWriter();
        ManPageGenerator.writeSingleManPage(new PrintWriter(adoc), spec);
        // The version is the build's ("development build" in a test): a page must not change with it.
        String text = adoc.toString().replaceAll("(?m)^:(revnumber|mansource): .*$", ":$1: acmectl");
        pages.put("man/" + spec.qualifiedName("-") + ".1", text);
        // An alias (list for certificates) is the same command: one page.
        command.getSubcommands().values().stream().distinct().forEach(sub -> addPages(sub, pages));
    }

    /**
     * picocli leaves an option without fixed candidates to complete nothing; two have words acmectl
     * knows: {@code --cert-name} the store's certificates (asked at TAB time of the hidden
     * {@code __complete} command, with the command line's {@code --config-dir}), {@code --server}
     * the CA aliases (written in here).
     */
    private static String fillIn(String script) {
        String servers = String.join(" ", CaServer.ALIASES.keySet());
        // Sourced, never run: no #! line (bash-completion's rule).
        String filled = replaceCase(script.replaceFirst("^#!.*\n", ""), "--cert-name",
                "COMPREPLY=( $( compgen -W \"$(_acmectl_cert_names)\" -- \"${curr_word}\" ) )");
        filled = replaceCase(filled, "--server", "COMPREPLY=( $( compgen -W \"" + servers + "\" -- \"${curr_word}\" ) )");
        return filled + CERT_NAMES_FUNCTION;
    }

    private static String replaceCase(String script, String option, String completion) {
        Pattern nothing = Pattern.compile("(?m)^( *)'" + Pattern.quote(option) + "'\\)\\n *return\\n");
        Matcher matcher = nothing.matcher(script);
        StringBuilder result = new StringBuilder();
        int count = 0;
        while (matcher.find()) {
            String indent = matcher.group(1);
            matcher.appendReplacement(result, Matcher.quoteReplacement(indent + "'" + option + "')\n" + indent + "  "
                    + completion + "\n" + indent + "  return $?\n"));
            count++;
        }
        matcher.appendTail(result);
        if (count == 0) {
            // picocli changed the shape of its script: fail here rather than ship a completion that does less.
            throw new IllegalStateException("no completion case for " + option + " in picocli's script");
        }
        return result.toString();
    }

    private static final String CERT_NAMES_FUNCTION = """

            # The certificates of the store the command line names (--config-dir DIR, else acmectl's
            # default), from the acmectl being completed: one JVM start per TAB, nothing written.
            function _acmectl_cert_names() {
              local i dir=() self=${COMP_WORDS[0]}
              for (( i=1; i < COMP_CWORD; i++ )); do
                if [[ ${COMP_WORDS[i]} == --config-dir ]]; then
                  [[ ${COMP_WORDS[i+1]} == = ]] && dir=(--config-dir "${COMP_WORDS[i+2]}") \\
                    || dir=(--config-dir "${COMP_WORDS[i+1]}")
                elif [[ ${COMP_WORDS[i]} == --config-dir=?* ]]; then
                  dir=("${COMP_WORDS[i]}")
                fi
              done
              [[ $self == "~/"* ]] && self=$HOME/${self#"~/"}
              "$self" "${dir[@]}" __complete cert-names 2>/dev/null
            }
            """;

    /**
     * zsh loads {@code _acmectl} from its fpath at the first TAB: the bash script then registers
     * itself through bashcompinit (so later TABs call it directly), and this first TAB is completed
     * by the same function.
     */
    private static String zsh(String bash) {
        return "#compdef acmectl\n"
                + "# zsh completion for acmectl: the bash completion (completions/acmectl.bash) run through zsh's\n"
                + "# bashcompinit. Generated with it by dev/generate-docs.sh; do not edit.\n"
                + bash
                + "\n_bash_complete -F _complete_acmectl -o default\n";
    }
}
