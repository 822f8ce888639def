package io.acmectl.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.Failure;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.AcmeJsonResource;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;

/**
 * The Poller without a CA: a status backed by a counter, and a resource whose fetch only notes when
 * it was called. Real time, short delays; assertions are on counts and on order (never woken before
 * the time it was told), never on how fast.
 */
class PollerTest {
    private static final Set<Status> DONE = Set.of(Status.VALID, Status.INVALID);
    /** Millisecond ticks: a sleep of whole milliseconds is then never short of the instant asked for. */
    private static final Clock CLOCK = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));

    private static Login login;

    @BeforeAll
    static void logIn() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        // Nothing here opens a connection: the session only parses its URI until asked for the directory.
        Session session = new Session(URI.create("https://127.0.0.1:1/dir"));
        login = new Login(url("https://127.0.0.1:1/acct/1"), generator.generateKeyPair(), session);
    }

    @Test
    void returnsAtOnceWhenAlreadyDone() throws Exception {
        FakeResource resource = new FakeResource(call -> Optional.empty());
        Poller poller = new Poller(Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofSeconds(30), CLOCK);

        assertEquals(Status.VALID, poller.await(resource, () -> Status.VALID, DONE, "order"));
        assertEquals(0, resource.fetches.size(), "fetched a resource that was already done");
    }

    @Test
    void fetchesUntilTheStatusIsDone() throws Exception {
        FakeResource resource = new FakeResource(call -> Optional.empty());
        AtomicInteger asked = new AtomicInteger();
        Supplier<Status> status = () -> asked.incrementAndGet() <= 3 ? Status.PENDING : Status.INVALID;
        Poller poller = new Poller(Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofSeconds(30), CLOCK);

        assertEquals(Status.INVALID, poller.await(resource, status, DONE, "authorization"));
        assertEquals(4, asked.get());
        assertEquals(3, resource.fetches.size(), "one fetch between two looks at the status");
    }

    @Test
    void givesUpAfterItsPatience() {
        FakeResource resource = new FakeResource(call -> Optional.empty());
        Poller poller = new Poller(Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofMillis(50), CLOCK);
        Instant started = CLOCK.instant();

        Failure.Aborted aborted = assertThrows(Failure.Aborted.class,
                () -> poller.await(resource, () -> Status.PENDING, DONE, "order 7"));

        assertTrue(aborted.getMessage().startsWith("order 7 is still pending"), aborted.getMessage());
        assertFalse(CLOCK.instant().isBefore(started.plusMillis(50 - 4)), "gave up before its patience was spent");
        assertTrue(resource.fetches.size() >= 1, "gave up without asking the CA again");
        // at least 1 ms apart while the patience lasts: a bound on the loop, whatever the speed
        assertTrue(resource.fetches.size() <= 50, resource.fetches.size() + " fetches in 50 ms");
    }

    @Test
    void backsOffNeverSoonerThanDoubling() throws Exception {
        FakeResource resource = new FakeResource(call -> Optional.empty());
        AtomicInteger asked = new AtomicInteger();
        List<Instant> looks = new CopyOnWriteArrayList<>();
        Supplier<Status> status = () -> {
            looks.add(CLOCK.instant());
            return asked.incrementAndGet() <= 5 ? Status.PROCESSING : Status.VALID;
        };
        Poller poller = new Poller(Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(30), CLOCK);

        poller.await(resource, status, DONE, "order");

        long[] least = {10, 20, 40, 40, 40}; // the cap holds it at 40
        assertEquals(least.length, resource.fetches.size());
        for (int i = 0; i < least.length; i++) {
            long waited = Duration.between(looks.get(i), resource.fetches.get(i)).toMillis();
            assertTrue(waited >= least[i], "fetch " + i + " came " + waited + " ms after the look, not " + least[i]);
        }
    }

    @Test
    void neverFetchesBeforeTheRetryAfter() throws Exception {
        AtomicReference<Instant> retryAfter = new AtomicReference<>();
        FakeResource resource = new FakeResource(call -> {
            if (call == 0) {
                retryAfter.set(CLOCK.instant().plusMillis(150));
                return Optional.of(retryAfter.get());
            }
            return Optional.empty();
        });
        AtomicInteger asked = new AtomicInteger();
        Supplier<Status> status = () -> asked.incrementAndGet() <= 2 ? Status.PENDING : Status.VALID;
        Poller poller = new Poller(Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofSeconds(30), CLOCK);

        assertEquals(Status.VALID, poller.await(resource, status, DONE, "challenge"));

        assertEquals(2, resource.fetches.size());
        assertFalse(resource.fetches.get(1).isBefore(retryAfter.get()),
                "fetched at " + resource.fetches.get(1) + ", Retry-After said " + retryAfter.get());
    }

    @Test
    void aRetryAfterBeyondItsPatienceEndsTheWaitWithoutSleepingOnIt() {
        FakeResource resource = new FakeResource(call -> Optional.of(CLOCK.instant().plus(Duration.ofHours(1))));
        Poller poller = new Poller(Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofSeconds(30), CLOCK);

        Failure.Aborted aborted = assertThrows(Failure.Aborted.class,
                () -> poller.await(resource, () -> Status.PENDING, DONE, "order"));

        assertEquals(1, resource.fetches.size(), "asked again although the CA said to wait an hour");
        assertTrue(aborted.getMessage().contains("giving up"), aborted.getMessage());
    }

    @Test
    void theOrdersCeilingEndsAWaitBeforeItsPatienceAndSaysSo() {
        FakeResource resource = new FakeResource(call -> Optional.empty());
        Poller poller = new Poller(Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofSeconds(30), CLOCK);

        Failure.Aborted aborted = assertThrows(Failure.Aborted.class, () -> poller.await(resource,
                () -> Status.PROCESSING, DONE, "issuance of the certificate", CLOCK.instant().plusMillis(30)));

        assertEquals("issuance of the certificate is still processing after the time acmectl gives one order; "
                + "giving up", aborted.getMessage());
    }

    @Test
    void givingUpSaysWhatWasAwaitedWhatTheCaStillSaysAndForHowLong() {
        FakeResource resource = new FakeResource(call -> Optional.empty());
        Poller poller = new Poller(Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofMillis(20), CLOCK);

        Failure.Aborted aborted = assertThrows(Failure.Aborted.class,
                () -> poller.await(resource, () -> Status.READY, DONE, "the order"));

        assertEquals("the order is still ready after 20 ms; giving up", aborted.getMessage());
    }

    @Test
    void anInterruptEndsTheWaitAndIsKept() throws Exception {
        FakeResource resource = new FakeResource(call -> Optional.empty());
        Poller poller = new Poller(Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofMinutes(5), CLOCK);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                poller.await(resource, () -> Status.PENDING, DONE, "order");
            } catch (Throwable e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        waiter.start();
        for (int i = 0; i < 500 && waiter.getState() != Thread.State.TIMED_WAITING; i++) {
            Thread.sleep(10);
        }
        assertEquals(Thread.State.TIMED_WAITING, waiter.getState(), "the poller never went to sleep");
        waiter.interrupt();
        waiter.join(10_000);

        assertFalse(waiter.isAlive(), "the poller slept on through the interrupt");
        assertTrue(thrown.get() instanceof Failure.Aborted, String.valueOf(thrown.get()));
        assertEquals(Boolean.TRUE, stillInterrupted.get(), "the interrupt flag was swallowed");
        assertEquals(0, resource.fetches.size());
    }

    private static URL url(String text) {
        try {
            return URI.create(text).toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** A resource of no CA: {@code fetch} notes the clock and answers what {@code answers} says for that call. */
    private static final class FakeResource extends AcmeJsonResource {
        private static final long serialVersionUID = 1L;
        private final transient Function<Integer, Optional<Instant>> answers;
        final transient List<Instant> fetches = new CopyOnWriteArrayList<>();

        FakeResource(Function<Integer, Optional<Instant>> answers) {
            super(login, url("https://127.0.0.1:1/order/1"));
            this.answers = answers;
        }

        @Override
        public Optional<Instant> fetch() {
            fetches.add(CLOCK.instant());
            return answers.apply(fetches.size() - 1);
        }
    }
}
