package nl.overdracht.webhook;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A school's system as a test sees it: an HTTPS server on a free port of localhost, with a
 * certificate made here for {@code localhost} and written to the file the service trusts in the
 * tests ({@code overdracht.webhooks.trust-store}). Every request is recorded by path; a path under
 * {@code /flaky/} answers 500 to its first two requests and 200 after, one under {@code /failing/}
 * always 500, any other path 200.
 */
public final class WebhookReceiver {

    /** {@code %test.overdracht.webhooks.trust-store}, relative to the module as the service reads it. */
    static final Path TRUST_STORE = Path.of("target/webhook-receiver/trust.pem");

    /** One request as it arrived. */
    record Received(String path, String webhookId, String signature, byte[] body, int answered) {
    }

    private static WebhookReceiver started;

    private final int port;
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    private WebhookReceiver() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=localhost"),
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(1))), new X500Name("CN=localhost"), pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            String certPem = pem(certificate);
            String keyPem = pem(new JcaPKCS8Generator(pair.getPrivate(), null));
            Files.createDirectories(TRUST_STORE.getParent());
            Files.writeString(TRUST_STORE, certPem);

            Vertx vertx = Vertx.vertx();
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setSsl(true)
                    .setKeyCertOptions(new PemKeyCertOptions().setCertValue(Buffer.buffer(certPem))
                            .setKeyValue(Buffer.buffer(keyPem))))
                    .requestHandler(request -> request.body().onSuccess(body -> {
                        String path = request.path();
                        int n = counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                        int status = path.startsWith("/failing/") || path.startsWith("/flaky/") && n <= 2 ? 500 : 200;
                        received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
                                .add(new Received(path, request.getHeader("Webhook-Id"),
                                        request.getHeader("Overdracht-Signature"), body.getBytes(), status));
                        request.response().setStatusCode(status).end();
                    }));
            port = server.listen(0, "localhost").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
                    .actualPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("the test receiver did not start", e);
        }
    }

    /** The one receiver of the test run, started on first use. */
    public static synchronized WebhookReceiver get() {
        if (started == null) {
            started = new WebhookReceiver();
        }
        return started;
    }

    /** The endpoint URL of {@code path} ("/ok/00AB00"). */
    public String url(String path) {
        return "https://localhost:" + port + path;
    }

    /** The requests {@code path} received so far, in the order they arrived. */
    List<Received> at(String path) {
        return new ArrayList<>(received.getOrDefault(path, List.of()));
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
