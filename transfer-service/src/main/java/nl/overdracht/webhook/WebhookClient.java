package nl.overdracht.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * POSTs notifications over HTTPS (java.net.http): no redirects followed, one timeout for the whole
 * exchange, the server's certificate checked against the JVM's trust or, when
 * {@code overdracht.webhooks.trust-store} names a PEM file, against the certificates in it (read
 * again when the file changes, so a renewed trust store needs no restart).
 */
@ApplicationScoped
public class WebhookClient {

    /** The header that carries the event id, as the body's {@code id} does. */
    public static final String WEBHOOK_ID = "Webhook-Id";

    /** What an exchange came to: the endpoint's status, or a short code for why there is none. */
    record Answer(Optional<Integer> status, Optional<String> error) {
    }

    private Duration timeout;
    private Optional<Path> trustStore;

    private HttpClient client;
    private FileTime trustStoreTime;

    @Inject
    void configure(WebhookConfig config) {
        timeout = config.requestTimeout();
        trustStore = config.trustStore();
    }

    /** Posts {@code body} to {@code url} with its id and signature; never fails, the answer says how it went. */
    CompletionStage<Answer> post(String url, UUID id, byte[] body, String signature) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header(WEBHOOK_ID, id.toString())
                    .header(WebhookSignature.HEADER, signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new Answer(Optional.empty(), Optional.of("url")));
        }
        return client().sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> failure == null
                        ? new Answer(Optional.of(response.statusCode()), Optional.empty())
                        : new Answer(Optional.empty(), Optional.of(code(failure))));
    }

    private static String code(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException) {
            return "timeout";
        }
        if (cause instanceof SSLException) {
            return "tls";
        }
        return "connection";
    }

    private synchronized HttpClient client() {
        FileTime current = trustStore.map(WebhookClient::modified).orElse(null);
        if (client == null || !Objects.equals(current, trustStoreTime)) {
            client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(timeout)
                    .sslContext(trustStore.map(WebhookClient::trusting).orElseGet(WebhookClient::jvmDefault))
                    .build();
            trustStoreTime = current;
        }
        return client;
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }

    private static SSLContext jvmDefault() {
        try {
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    /** A TLS context that trusts the certificates of the PEM file, and nothing else. */
    static SSLContext trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("trusted-" + n++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("overdracht.webhooks.trust-store cannot be read", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("overdracht.webhooks.trust-store holds no usable certificates", e);
        }
    }
}
