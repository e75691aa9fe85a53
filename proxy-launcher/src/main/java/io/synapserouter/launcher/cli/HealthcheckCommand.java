package io.synapserouter.launcher.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Probes an admin endpoint and exits 0 on 200. The container image has no curl, so its
 * {@code HEALTHCHECK} runs this.
 */
@Command(name = "healthcheck", description = "Exit 0 when the admin /health endpoint answers 200 (for container HEALTHCHECKs).")
final class HealthcheckCommand implements Callable<Integer> {

    @Option(names = "--url", defaultValue = "http://127.0.0.1:9000/health", description = "Default: ${DEFAULT-VALUE}")
    URI url;

    @Option(names = "--timeout", defaultValue = "3", description = "Seconds. Default: ${DEFAULT-VALUE}")
    int timeoutSeconds;

    @Override
    public Integer call() {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(timeoutSeconds)).build();
            HttpResponse<Void> response = client.send(
                    HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(timeoutSeconds)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200 ? ExitCodes.OK : ExitCodes.FAILURE;
        } catch (Exception e) {
            System.err.println("healthcheck: " + url + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
            return ExitCodes.FAILURE;
        } 
    }
}
