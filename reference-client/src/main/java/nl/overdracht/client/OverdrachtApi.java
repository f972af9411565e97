package nl.overdracht.client;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import nl.overdracht.client.generated.ApiClient;
import nl.overdracht.client.generated.ApiException;
import nl.overdracht.client.generated.api.ReceivingSchoolApi;
import nl.overdracht.client.generated.api.SendingSchoolApi;
import nl.overdracht.client.generated.model.Acknowledgement;
import nl.overdracht.client.generated.model.AcknowledgementRequest;
import nl.overdracht.client.generated.model.DeliveryView;
import nl.overdracht.client.generated.model.DossierStatus;

/**
 * The commands' calls, made through the client generated from {@code api/openapi.yaml}. A refusal's
 * problem+json is turned into a {@link OverdrachtClient.Refused} naming the status and the problem.
 *
 * <p>The generated client (library {@code native}) sends a dossier as {@code application/xml}, the first media
 * type the contract lists, and as a Java string; a submission therefore sets the dossier's exact bytes and its own
 * media type (a JSON profile such as vl-baso, or an XML file in another encoding than UTF-8) with the generated
 * client's request interceptor, and leaves path, parameters, headers and the answer to it.
 */
final class OverdrachtApi {

    private final URI url;
    private final String token;

    OverdrachtApi(URI url, String token) {
        this.url = url;
        this.token = token;
    }

    private ApiClient client(Consumer<HttpRequest.Builder> more) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(url.toString().replaceAll("/+$", ""));
        client.setRequestInterceptor(request -> {
            request.setHeader("Authorization", "Bearer " + token);
            more.accept(request);
        });
        return client;
    }

    private ApiClient client() {
        return client(request -> {
        });
    }

    /** {@code POST /api/v1/dossiers}: the new dossier's status. */
    DossierStatus submit(byte[] dossier, String mediaType, Optional<String> receivingSchool,
            Optional<String> idempotencyKey) {
        ApiClient client = client(request -> request.setHeader("Content-Type", mediaType)
                .method("POST", HttpRequest.BodyPublishers.ofByteArray(dossier)));
        return call(() -> new SendingSchoolApi(client).submitDossier(new String(dossier, StandardCharsets.UTF_8),
                receivingSchool.orElse(null), idempotencyKey.orElse(null)));
    }

    /** {@code GET /api/v1/dossiers/{id}}: the dossier's status, never its content. */
    DossierStatus status(UUID id) {
        return call(() -> new SendingSchoolApi(client()).getDossier(id));
    }

    /** {@code GET /api/v1/deliveries?state=pending}: the deliveries waiting to be downloaded or acknowledged. */
    List<DeliveryView> pending() {
        return call(() -> new ReceivingSchoolApi(client()).listDeliveries(null, "pending"));
    }

    /** {@code GET /api/v1/deliveries/{id}}: the package, DER. */
    byte[] download(UUID id) {
        File file = call(() -> new ReceivingSchoolApi(client()).downloadDelivery(id, null));
        try {
            return Files.readAllBytes(file.toPath());
        } catch (IOException e) {
            throw new OverdrachtClient.Refused("overdracht-client: the downloaded package could not be read: " + e.getMessage());
        } finally {
            file.delete();
        }
    }

    /** {@code POST /api/v1/deliveries/{id}/acknowledgement}: the acknowledgement. */
    Acknowledgement acknowledge(UUID id, String contentSha256) {
        return call(() -> new ReceivingSchoolApi(client()).acknowledgeDelivery(id,
                new AcknowledgementRequest().contentSha256(contentSha256)));
    }

    /** One generated call. */
    private interface Call<T> {
        T run() throws ApiException;
    }

    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (ApiException e) {
            if (e.getCode() == 0) {
                throw new OverdrachtClient.Refused("overdracht-client: Overdracht could not be reached ("
                        + (e.getCause() == null ? e.getMessage() : e.getCause().getClass().getSimpleName()) + ")");
            }
            String body = e.getResponseBody() == null || e.getResponseBody().isBlank() ? e.getMessage() : e.getResponseBody();
            throw new OverdrachtClient.Refused("overdracht-client: refused, HTTP " + e.getCode() + ": " + body);
        }
    }
}
