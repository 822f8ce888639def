package io.acmectl.acme;

import io.acmectl.core.Failure;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLSession;

/**
 * One HTTP request to a CA, answered whole within a deadline: the body is read into memory (up to a
 * cap) before anyone parses it. java.net.http's own timeout stops at the headers, and its body
 * stream blocks without one; so the request runs asynchronously and the caller waits for the
 * complete answer with a timed get. Nobody interrupts the caller: a deadline ends as an {@link
 * HttpTimeoutException}, and the connection is closed (the body's subscription cancelled).
 */
final class Exchange {
    private Exchange() {}

    static HttpResponse<InputStream> send(HttpClient client, HttpRequest request, NetworkPolicy policy)
            throws IOException {
        BoundedBodies bodies = new BoundedBodies(policy.maxBodyBytes());
        CompletableFuture<HttpResponse<byte[]>> answer = client.sendAsync(request, bodies);
        try {
            return new BufferedResponse(answer.get(policy.timeout().toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            throw new HttpTimeoutException("no complete answer within " + seconds(policy) + " s");
        } catch (InterruptedException e) {
            // Only a run that is being stopped interrupts: keep the flag for whoever stops it.
            Thread.currentThread().interrupt();
            throw new Failure.Aborted("interrupted while waiting for the CA", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            if (!answer.isDone() || answer.isCompletedExceptionally()) {
                bodies.cancel();
                answer.cancel(true);
            }
        }
    }

    private static String seconds(NetworkPolicy policy) {
        long millis = policy.timeout().toMillis();
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0);
    }

    /** The answer was cut off: more than the cap. Not worth asking again. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(int cap) {
            super("the answer is larger than " + cap + " bytes");
        }
    }

    /**
     * Hands each response (a redirect's too) a body of its own, and can cancel the one being read:
     * also one whose headers come only after the deadline (cancelling the request's future is not
     * promised to stop java.net.http from reading on).
     */
    private static final class BoundedBodies implements HttpResponse.BodyHandler<byte[]> {
        private final int cap;
        private volatile BoundedBody latest;
        private volatile boolean cancelled;

        BoundedBodies(int cap) {
            this.cap = cap;
        }

        @Override
        public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
            BoundedBody body = new BoundedBody(cap);
            latest = body;
            if (cancelled) {
                body.cancel();
            }
            return body;
        }

        /** Closes the connection under a body that is still coming, stalled, or not yet begun. */
        void cancel() {
            cancelled = true;
            BoundedBody body = latest;
            if (body != null) {
                body.cancel();
            }
        }
    }

    /** Collects a body up to a cap. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int cap;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;

        BoundedBody(int cap) {
            this.cap = cap;
        }

        void cancel() {
            result.completeExceptionally(new HttpTimeoutException("cancelled"));
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (result.isDone()) {
                s.cancel();
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + (long) buffer.remaining() > cap) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge(cap));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }
    }

    /** What acme4j reads: the same response, its body a stream over the bytes already received. */
    private record BufferedResponse(HttpResponse<byte[]> whole) implements HttpResponse<InputStream> {
        @Override
        public int statusCode() {
            return whole.statusCode();
        }

        @Override
        public HttpRequest request() {
            return whole.request();
        }

        @Override
        public Optional<HttpResponse<InputStream>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return whole.headers();
        }

        @Override
        public InputStream body() {
            return new ByteArrayInputStream(whole.body());
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return whole.sslSession();
        }

        @Override
        public URI uri() {
            return whole.uri();
        }

        @Override
        public HttpClient.Version version() {
            return whole.version();
        }
    }
}
