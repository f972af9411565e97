package nl.overdracht.benchmarks;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.overdracht.embedded.MintToken;
import nl.overdracht.profile.SampleDossiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The schools' side of the API as the crash check and the fault suite drive it: {@code schools}
 * sending schools ({@code 00CS00}, …) that submit OSO dossiers with an {@code Idempotency-Key}, and as
 * many receiving schools ({@code 00CR00}, …) with a certificate that enrol the pupils; pupil
 * {@code i} goes from sending school {@code i % schools} to receiving school {@code i % schools}.
 *
 * <p>A request is sent as it is; with a {@link Retry} it is sent again, unchanged (the same
 * {@code Idempotency-Key}), after a connection error, a timeout, a 5xx or a 429, until the retry's
 * deadline: what a school's administration system does when Overdracht is away for a while.
 */
final class TransferClient {

    /** Until when a request is sent again after an answer that may change; {@link #NEVER}: not at all. */
    record Retry(Instant deadline) {
        static final Retry NEVER = new Retry(Instant.MIN);

        static Retry until(Instant deadline) {
            return new Retry(deadline);
        }

        boolean allowsAnother() {
            return Instant.now().isBefore(deadline);
        }

        /** A pause growing from 250 ms to 2 s with the attempts. */
        static Duration pause(int attempts) {
            return Duration.ofMillis(Math.min(2000, 250L << Math.min(attempts - 1, 3)));
        }
    }

    /**
     * What a request came to: the last answer's status (0 when there was none, only connection
     * errors or timeouts) and body, and how many times it was sent.
     */
    record Outcome(int status, String body, int attempts) {
        boolean success() {
            return status / 100 == 2;
        }
    }

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final String PROFILES = "[\"oso-gegevensset@2018.1\",\"oso-gegevensset@2019.1\",\"vl-baso@1\","
            + "\"vl-baso@2\"]";

    private final HttpClient http;
    private final String api;
    private final int schools;
    private final String[] sendingTokens;
    private final String[] receivingTokens;
    private final Duration requestTimeout;
    private final Map<String, LongAdder> retried = new ConcurrentSkipListMap<>();

    /**
     * A client of the service at {@code api} for {@code schools} sending and receiving schools, with
     * tokens signed by {@code key}; a request answered later than {@code requestTimeout} counts as a
     * timeout.
     */
    TransferClient(HttpClient http, String api, PrivateKey key, int schools, Duration requestTimeout) {
        this.http = http;
        this.api = api;
        this.schools = schools;
        this.requestTimeout = requestTimeout;
        sendingTokens = new String[schools];
        receivingTokens = new String[schools];
        for (int i = 0; i < schools; i++) {
            MintToken.Request sending = MintToken.Request.forSchool(sendingSchool(i), "sending-school");
            MintToken.Request receiving = MintToken.Request.forSchool(receivingSchool(i), "receiving-school");
            sendingTokens[i] = MintToken.mint(sending.issuedAt(sending.issuedAt(), Duration.ofHours(6)), key);
            receivingTokens[i] = MintToken.mint(receiving.issuedAt(receiving.issuedAt(), Duration.ofHours(6)), key);
        }
    }

    /** Registers every school as an operator of {@code region}, the receiving ones with a certificate. */
    void registerSchools(PrivateKey key, String region) throws IOException, InterruptedException {
        String operator = MintToken.mint(MintToken.Request.forRegion(region, "operator"), key);
        for (int i = 0; i < schools; i++) {
            post(operator, "/api/v1/registry/schools", "application/json", "{\"id\":\"" + sendingSchool(i)
                    + "\",\"name\":\"Zendende school " + i + "\",\"acceptedProfiles\":" + PROFILES + "}");
            post(operator, "/api/v1/registry/schools", "application/json", "{\"id\":\"" + receivingSchool(i)
                    + "\",\"name\":\"Ontvangende school " + i + "\",\"acceptedProfiles\":" + PROFILES + "}");
            post(operator, "/api/v1/registry/schools/" + receivingSchool(i) + "/certificates", "application/x-pem-file",
                    certificate(receivingSchool(i)));
        }
    }

    /** Pupil {@code i}'s dossier from its sending school, under {@code idempotencyKey}. */
    HttpRequest submission(int i, String pupil, String idempotencyKey) {
        String dossier = SampleDossiers.oso("POVO").replace("<bsn>" + SampleDossiers.FICTIONAL_BSN + "</bsn>",
                "<bsn>" + pupil + "</bsn>");
        return HttpRequest.newBuilder(URI.create(api + "/api/v1/dossiers"))
                .header("Authorization", "Bearer " + sendingTokens[i % schools])
                .header("Content-Type", "application/xml")
                .header("Idempotency-Key", idempotencyKey)
                .timeout(requestTimeout)
                .POST(HttpRequest.BodyPublishers.ofString(SampleDossiers.sentBy(dossier, sendingSchool(i % schools))))
                .build();
    }

    /** Pupil {@code i}'s enrolment at its receiving school. */
    HttpRequest enrolment(int i, String pupil) {
        return HttpRequest.newBuilder(URI.create(api + "/api/v1/enrolments"))
                .header("Authorization", "Bearer " + receivingTokens[i % schools])
                .header("Content-Type", "application/json")
                .timeout(requestTimeout)
                .POST(HttpRequest.BodyPublishers.ofString("{\"pupilIdKind\":\"BSN\",\"pupilId\":\"" + pupil
                        + "\",\"enrolmentDate\":\"2025-08-25\"}"))
                .build();
    }

    /** Sends {@code request}, again as {@code retry} allows while the answer may change. */
    Outcome send(HttpRequest request, Retry retry) throws InterruptedException {
        for (int attempts = 1; ; attempts++) {
            int status = 0;
            String body;
            String cause;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                body = response.body();
                cause = Integer.toString(status);
            } catch (IOException e) {
                body = e.toString();
                cause = e.getClass().getSimpleName();
            }
            boolean mayChange = status == 0 || status == 429 || status >= 500;
            if (!mayChange || !retry.allowsAnother()) {
                return new Outcome(status, body, attempts);
            }
            retried.computeIfAbsent(cause, any -> new LongAdder()).increment();
            Thread.sleep(Retry.pause(attempts).toMillis());
        }
    }

    /** What made requests be sent again, over this client's life: "503 ×12, ConnectException ×40", or "none". */
    String retried() {
        StringBuilder out = new StringBuilder();
        retried.forEach((cause, times) -> out.append(out.isEmpty() ? "" : ", ").append(cause).append(" ×").append(times));
        return out.isEmpty() ? "none" : out.toString();
    }

    /** The dossier id in a submission's answer, or null. */
    static String dossierId(Outcome outcome) {
        Matcher matcher = ID.matcher(outcome.body());
        return matcher.find() ? matcher.group(1) : null;
    }

    static String sendingSchool(int i) {
        return String.format(Locale.ROOT, "%02dCS00", i);
    }

    static String receivingSchool(int i) {
        return String.format(Locale.ROOT, "%02dCR00", i);
    }

    private void post(String token, String path, String type, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + " " + response.body());
        }
    }

    /** A receiving school's self-signed certificate (RSA 2048, keyEncipherment), PEM; the key is thrown away. */
    private static String certificate(String school) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=" + school);
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(365))), name, pair.getPublic());
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyEncipherment));
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withRSA")
                    .build(pair.getPrivate()));
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(holder.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (Exception e) {
            throw new IllegalStateException("could not make a certificate for " + school, e);
        }
    }
}
