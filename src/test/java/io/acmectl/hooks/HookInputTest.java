package io.acmectl.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hook given an input (the notify command's report) reads it on standard input; others read nothing. */
class HookInputTest {
    @TempDir
    Path dir;

    @Test
    void theInputIsTheHooksStandardInput() throws Exception {
        Path input = Files.writeString(dir.resolve("report.json"), "{\"schemaVersion\":1}\n");
        Path out = dir.resolve("read.txt");
        List<HookFailure> failures = new HookRunner(Duration.ofSeconds(30)).run(HookStage.NOTIFY,
                List.of("cat > \"$OUT\"; wc -c < \"$OUT\" > \"$OUT.count\""), Map.of("OUT", out.toString()), input);
        assertEquals(List.of(), failures);
        assertEquals("{\"schemaVersion\":1}\n", Files.readString(out));
        assertEquals("20", Files.readString(Path.of(out + ".count")).strip());
    }

    @Test
    void withoutAnInputTheHookReadsNothingAndAMissingInputIsAFailure() throws Exception {
        Path out = dir.resolve("read.txt");
        HookRunner runner = new HookRunner(Duration.ofSeconds(30));
        assertEquals(List.of(), runner.run(HookStage.DEPLOY, List.of("cat > \"$OUT\""), Map.of("OUT", out.toString())));
        assertEquals("", Files.readString(out));
        List<HookFailure> failures = runner.run(HookStage.NOTIFY, List.of("cat > \"$OUT\""),
                Map.of("OUT", out.toString()), dir.resolve("gone.json"));
        assertEquals(1, failures.size());
        assertEquals(HookFailure.Kind.EXITED, failures.get(0).kind());
    }
}
