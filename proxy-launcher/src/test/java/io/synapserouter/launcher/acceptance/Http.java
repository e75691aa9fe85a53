package io.synapserouter.launcher.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** The test client: JDK HttpClient over HTTP/1.1 (keep-alive), plus a bounded parallel runner. */
final class Http {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /** One answer: status, the stand-in process that served it ({@code X-Served-By}), body and time taken. */
    record Answer(int status, String servedBy, String body, long nanos) {
        long millis() {
            return TimeUnit.NANOSECONDS.toMillis(nanos);
        }
    }

    /** GET {@code url}, with {@code Authorization: Bearer token} unless token is null. */
    Answer get(String url, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("X-Served-By").orElse(null),
                    response.body(), System.nanoTime() - start);
        } catch (IOException e) {
            throw new AssertionError("GET " + redact(url) + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The URL without its query (which may hold a token), for assertion messages. */
    static String redact(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }

    /**
     * Runs {@code task(0 … count-1)} on {@code threads} threads and returns the results in index
     * order; fails if the whole run takes longer than {@code limit}.
     */
    static <T> List<T> parallel(int threads, int count, Duration limit, IntFunction<T> task) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> task.apply(index)));
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS))
                    .as("%d tasks on %d threads finished within %s", count, threads, limit).isTrue();
            List<T> results = new ArrayList<>(count);
            for (Future<T> future : futures) {
                try {
                    results.add(future.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new AssertionError(e.getCause().getMessage(), e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
