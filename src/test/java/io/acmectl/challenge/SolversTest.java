package io.acmectl.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.ChallengeChoice;
import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.Failure;
import io.acmectl.core.Identifier;
import io.acmectl.testing.LoopbackPorts;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SolversTest {
    private static final Duration SHORT = Duration.ofMillis(200);

    @TempDir
    Path dir;

    private Path folder(String name) throws Exception {
        return Files.createDirectories(dir.resolve(name));
    }

    private Solvers open() {
        return SolverRegistry.standard().open(dir.resolve("locks"), SHORT);
    }

    @Test
    void equalSpecsShareOneSolverAndDistinctSpecsGetTheirOwn() throws Exception {
        Path a = folder("a");
        Path b = folder("b");
        try (Solvers solvers = open()) {
            ChallengeSolver first = solvers.solverFor(new ChallengeSpec.Webroot(a));
            assertSame(first, solvers.solverFor(new ChallengeSpec.Webroot(a)));
            assertNotSame(first, solvers.solverFor(new ChallengeSpec.Webroot(b)));
            assertTrue(first instanceof WebrootSolver);
        }
    }

    @Test
    void threadsOfOneRunShareOneListenerPerPort() throws Exception {
        ChallengeSpec spec = new ChallengeSpec.Standalone(Http.freePort(), "127.0.0.1");
        ExecutorService executor = Executors.newFixedThreadPool(8);
        try (Solvers solvers = open()) {
            List<Callable<ChallengeSolver>> tasks = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                tasks.add(() -> solvers.solverFor(spec));
            }
            Set<ChallengeSolver> opened = new HashSet<>();
            for (Future<ChallengeSolver> future : executor.invokeAll(tasks, 20, TimeUnit.SECONDS)) {
                opened.add(future.get());
            }
            assertEquals(1, opened.size());
            assertTrue(opened.iterator().next() instanceof StandaloneHttpSolver);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void theResponderPicksTheSpecForEachName() throws Exception {
        Path fallback = folder("fallback");
        Path special = folder("special");
        Path pattern = folder("pattern");
        ChallengeChoice choice = new ChallengeChoice(new ChallengeSpec.Webroot(fallback), Map.of(
                "www.example.com", new ChallengeSpec.Webroot(special),
                "*.shop.example.com", new ChallengeSpec.Webroot(pattern)));
        try (Solvers solvers = open()) {
            Responder responder = solvers.responder(choice);
            for (String name : List.of("example.com", "www.example.com", "eu.shop.example.com")) {
                Identifier identifier = Identifier.dns(name);
                responder.solverFor(identifier).present(new Http01Proof(identifier, token(name), name));
            }
            assertEquals("example.com", Files.readString(answer(fallback, "example.com")));
            assertEquals("www.example.com", Files.readString(answer(special, "www.example.com")));
            assertEquals("eu.shop.example.com", Files.readString(answer(pattern, "eu.shop.example.com")));
            assertFalse(Files.exists(answer(fallback, "www.example.com")));
            assertFalse(Files.exists(answer(fallback, "eu.shop.example.com")));
        }
    }

    private static String token(String name) {
        return name.replace('.', '_');
    }

    private static Path answer(Path webroot, String name) {
        return webroot.resolve(".well-known/acme-challenge").resolve(token(name));
    }

    @Test
    void aWildcardCannotBeProvenByHttp01() throws Exception {
        ChallengeChoice choice = ChallengeChoice.of(new ChallengeSpec.Webroot(folder("a")));
        Identifier wildcard = Identifier.dns("*.example.com");
        try (Solvers solvers = open()) {
            Failure.BadInput failure = assertThrows(Failure.BadInput.class,
                    () -> solvers.responder(choice).solverFor(wildcard));
            assertEquals("*.example.com cannot be proven by http-01: a wildcard needs dns-01", failure.getMessage());
            failure = assertThrows(Failure.BadInput.class,
                    () -> solvers.prepare(choice, List.of(Identifier.dns("example.com"), wildcard)));
            assertEquals("*.example.com cannot be proven by http-01: a wildcard needs dns-01", failure.getMessage());
        }
    }

    @Test
    void prepareOpensEverySpecOfTheChoiceBeforeAnyOrder() throws Exception {
        Path good = folder("good");
        Path missing = dir.resolve("missing");
        ChallengeChoice choice = new ChallengeChoice(new ChallengeSpec.Webroot(good),
                Map.of("www.example.com", new ChallengeSpec.Webroot(missing)));
        try (Solvers solvers = open()) {
            Failure.BadInput failure = assertThrows(Failure.BadInput.class, () -> solvers.prepare(choice));
            assertEquals("webroot " + missing + " does not exist", failure.getMessage());

            // the run keeps that answer: parallel certificates do not each try (or wait) again
            Files.createDirectories(missing);
            assertSame(failure, assertThrows(Failure.BadInput.class,
                    () -> solvers.solverFor(new ChallengeSpec.Webroot(missing))));
        }
    }

    @Test
    void aBusyPortFailsInPrepare() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                Solvers solvers = open()) {
            ChallengeChoice choice = ChallengeChoice.of(new ChallengeSpec.Standalone(busy.getLocalPort(), "127.0.0.1"));
            assertThrows(Failure.ChallengeSetup.class, () -> solvers.prepare(choice));
        }
    }

    @Test
    void aSiblingRunWaitsForThePortAndClosingReleasesIt() throws Exception {
        int port = Http.freePort();
        ChallengeSpec spec = new ChallengeSpec.Standalone(port, "127.0.0.1");
        Solvers first = open();
        try (Solvers second = open()) {
            first.solverFor(spec);
            Failure.Locked locked = assertThrows(Failure.Locked.class, () -> second.solverFor(spec));
            assertEquals("another acmectl run has been answering http-01 on port " + port + " for 200 ms",
                    locked.getMessage());
        } finally {
            first.close();
        }
        LoopbackPorts.awaitNoListener(port); // a child process another test starts may hold it a moment
        try (Solvers third = open()) {
            assertTrue(third.solverFor(spec) instanceof StandaloneHttpSolver, "port and lock are free again");
        }
        assertThrows(IllegalStateException.class, () -> first.solverFor(spec));
    }

    @Test
    void anUnresolvableAddressFailsWithoutWaitingForThePort() throws Exception {
        ChallengeSpec spec = new ChallengeSpec.Standalone(8080, "no-such-host.invalid");
        try (HostLocks sibling = new HostLocks(dir.resolve("locks"), SHORT); Solvers solvers =
                SolverRegistry.standard().open(dir.resolve("locks"), Duration.ofSeconds(30))) {
            sibling.lockPort("no-such-host.invalid", 8080);
            assertThrows(Failure.BadInput.class, () -> solvers.solverFor(spec));
        }
    }

    @Test
    void aRegisteredFactoryAnswersItsKindOfSpec() throws Exception {
        List<ChallengeSpec> opened = new ArrayList<>();
        SolverRegistry registry = SolverRegistry.standard().register(ChallengeSpec.Webroot.class, (spec, locks) -> {
            opened.add(spec);
            return new WebrootSolver(spec.folder());
        });
        ChallengeSpec spec = new ChallengeSpec.Webroot(folder("a"));
        try (Solvers solvers = registry.open(dir.resolve("locks"))) {
            solvers.solverFor(spec);
            solvers.solverFor(spec);
        }
        assertEquals(List.of(spec), opened);
    }

    @Test
    void aSpecWithNoFactoryIsABug() throws Exception {
        try (Solvers solvers = new SolverRegistry().open(dir.resolve("locks"))) {
            assertThrows(IllegalStateException.class, () -> solvers.solverFor(new ChallengeSpec.Webroot(folder("a"))));
        }
    }
}
