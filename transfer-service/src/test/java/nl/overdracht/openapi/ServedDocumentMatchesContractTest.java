package nl.overdracht.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed contract, {@code api/openapi.yaml}, is what the service serves: a change to the API
 * changes the contract in the same commit, and the client generated from it stays true.
 */
@QuarkusTest
class ServedDocumentMatchesContractTest {

    /** The contract at the repository's root; the tests run in transfer-service/. */
    static final Path CONTRACT = Path.of("..", "api", "openapi.yaml");

    @Test
    void the_served_document_is_the_committed_contract() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode served = yaml.readTree(given().when().get("/q/openapi?format=yaml")
                .then().statusCode(200).extract().asString());
        JsonNode committed = yaml.readTree(Files.readString(CONTRACT));

        assertThat(served)
                .withFailMessage("The served OpenAPI document differs from api/openapi.yaml: build with ./mvnw -pl "
                        + "transfer-service -am package, copy transfer-service/target/openapi/openapi.yaml to "
                        + "api/openapi.yaml and commit it with the change to the API.")
                .isEqualTo(committed);
    }
}
