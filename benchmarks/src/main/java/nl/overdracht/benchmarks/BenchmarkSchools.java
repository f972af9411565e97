package nl.overdracht.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PrivateKey;
import java.util.List;
import nl.overdracht.embedded.MintToken;

/** Registers the benchmark's schools through the registry API, as an operator would. */
final class BenchmarkSchools {

    static final String REGION = "benchmark";

    private BenchmarkSchools() {
    }

    /** Registers each school (a repeat is fine), accepting every shipped profile version. */
    static void register(HttpClient http, String api, PrivateKey key, List<String> schools)
            throws IOException, InterruptedException {
        String operator = MintToken.mint(MintToken.Request.forRegion(REGION, "operator"), key);
        for (String school : schools) {
            String body = "{\"id\":\"" + school + "\",\"name\":\"Benchmarkschool " + school + "\",\"acceptedProfiles\":"
                    + "[\"oso-gegevensset@2018.1\",\"oso-gegevensset@2019.1\",\"vl-baso@1\",\"vl-baso@2\"]}";
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/registry/schools"))
                    .header("Authorization", "Bearer " + operator).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201 && response.statusCode() != 409) {
                throw new IllegalStateException("registering " + school + " answered " + response.statusCode() + " "
                        + response.body());
            }
        }
    }

    /** Uploads {@code certificate} as {@code school}'s (registered by {@link #register}) certificate. */
    static void certify(HttpClient http, String api, PrivateKey key, String school, SchoolKey certificate)
            throws IOException, InterruptedException {
        String operator = MintToken.mint(MintToken.Request.forRegion(REGION, "operator"), key);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/registry/schools/"
                        + school + "/certificates"))
                .header("Authorization", "Bearer " + operator).header("Content-Type", "application/x-pem-file")
                .POST(HttpRequest.BodyPublishers.ofString(certificate.pem())).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("the certificate of " + school + " answered " + response.statusCode() + " "
                    + response.body());
        }
    }
}
