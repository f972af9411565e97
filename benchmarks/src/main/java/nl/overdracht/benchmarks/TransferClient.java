package nl.overdracht.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.overdracht.embedded.MintToken;
import nl.overdracht.profile.SampleDossiers;

/**
 * The schools' side of the API as the crash check and the fault suite drive it: {@code schools}
 * sending schools ({@code 00CS00}, …) that submit OSO dossiers with an {@code Idempotency-Key}, and as
 * many receiving schools ({@code 00CR00}, …) with a certificate that enrol the pupils; pupil
 * {@code i} goes from sending school {@code i % schools} to receiving school {@code i % schools}. The
 * receiving schools also list, download and acknowledge their deliveries (the cohort benchmark).
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

    /** Registers every school as an operator of {@code region}, the receiving ones with an RSA certificate. */
    void registerSchools(PrivateKey key, String region) throws IOException, InterruptedException {
        registerSchools(key, region, i -> SchoolKey.rsa(receivingSchool(i)));
    }

    /** Registers every school as an operator of {@code region}, receiving school {@code i} with {@code keys}' certificate. */
    void registerSchools(PrivateKey key, String region, IntFunction<SchoolKey> keys)
            throws IOException, InterruptedException {
        String operator = MintToken.mint(MintToken.Request.forRegion(region, "operator"), key);
        for (int i = 0; i < schools; i++) {
            post(operator, "/api/v1/registry/schools", "application/json", "{\"id\":\"" + sendingSchool(i)
                    + "\",\"name\":\"Zendende school " + i + "\",\"acceptedProfiles\":" + PROFILES + "}");
            post(operator, "/api/v1/registry/schools", "application/json", "{\"id\":\"" + receivingSchool(i)
                    + "\",\"name\":\"Ontvangende school " + i + "\",\"acceptedProfiles\":" + PROFILES + "}");
            post(operator, "/api/v1/registry/schools/" + receivingSchool(i) + "/certificates", "application/x-pem-file",
                    keys.apply(i).pem());
        }
    }

    /** Pupil {@code i}'s dossier from its sending school, under {@code idempotencyKey}. */
    HttpRequest submission(int i, String pupil, String idempotencyKey) {
        String dossier = SampleDossiers.oso("POVO").replace("<bsn>" + SampleDossiers.FICTIONAL_BSN + "</bsn>",
                "<bsn>" + pupil + "</bsn>");
        return submission(i, sentBy(i, dossier).getBytes(StandardCharsets.UTF_8), "application/xml", idempotencyKey);
    }

    /** {@code dossier} as pupil {@code i}'s sending school sends it: its own school filled in. */
    String sentBy(int i, String dossier) {
        return SampleDossiers.sentBy(dossier, sendingSchool(i % schools));
    }

    /** Exactly {@code dossier}, of {@code mediaType}, from pupil {@code i}'s sending school, under {@code idempotencyKey}. */
    HttpRequest submission(int i, byte[] dossier, String mediaType, String idempotencyKey) {
        return HttpRequest.newBuilder(URI.create(api + "/api/v1/dossiers"))
                .header("Authorization", "Bearer " + sendingTokens[i % schools])
                .header("Content-Type", mediaType)
                .header("Idempotency-Key", idempotencyKey)
                .timeout(requestTimeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(dossier))
                .build();
    }

    /** Pupil {@code i}'s enrolment at its receiving school, by BSN. */
    HttpRequest enrolment(int i, String pupil) {
        return enrolment(i, "BSN", pupil);
    }

    /** Pupil {@code i}'s enrolment at its receiving school, by a pupil id of {@code kind} (BSN, RIJKSREGISTERNUMMER, …). */
    HttpRequest enrolment(int i, String kind, String pupil) {
        return HttpRequest.newBuilder(URI.create(api + "/api/v1/enrolments"))
                .header("Authorization", "Bearer " + receivingTokens[i % schools])
                .header("Content-Type", "application/json")
                .timeout(requestTimeout)
                .POST(HttpRequest.BodyPublishers.ofString("{\"pupilIdKind\":\"" + kind + "\",\"pupilId\":\"" + pupil
                        + "\",\"enrolmentDate\":\"2025-08-25\"}"))
                .build();
    }

    /** Receiving school {@code school}'s pending deliveries, up to 1000 (the API's largest page). */
    HttpRequest pendingDeliveries(int school) {
        return asReceiving(school, "/api/v1/deliveries?state=pending&limit=1000").GET().build();
    }

    /** Receiving school {@code school}'s download of delivery {@code id}'s package; send it with {@link #bytes}. */
    HttpRequest download(int school, String id) {
        return asReceiving(school, "/api/v1/deliveries/" + id).GET().build();
    }

    /** Receiving school {@code school}'s acknowledgement of delivery {@code id}, naming its content's SHA-256. */
    HttpRequest acknowledgement(int school, String id, String contentSha256) {
        return asReceiving(school, "/api/v1/deliveries/" + id + "/acknowledgement")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"contentSha256\":\"" + contentSha256 + "\"}")).build();
    }

    /** Overdracht's signing certificate, as receiving school 0 reads it: a JSON view with the PEM. */
    HttpRequest signingCertificate() {
        return asReceiving(0, "/api/v1/signing-certificate").GET().build();
    }

    /** The body of a 200 answer to {@code request}; any other answer or no answer is an exception naming it. */
    byte[] bytes(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered "
                    + response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    private HttpRequest.Builder asReceiving(int school, String path) {
        return HttpRequest.newBuilder(URI.create(api + path))
                .header("Authorization", "Bearer " + receivingTokens[school % schools])
                .timeout(requestTimeout);
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
}
