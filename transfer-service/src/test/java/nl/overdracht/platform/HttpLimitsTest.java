package nl.overdracht.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.Dossiers;
import nl.overdracht.testing.Pupils;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Requests over the HTTP limits (a request line, the headers, a body sent in chunks) are refused
 * with a problem, like every other error: 414, 431 and 413, each with a JSON body saying which
 * limit, never the request's own text.
 */
@QuarkusTest
class HttpLimitsTest {

    @TestHTTPResource("/")
    URL root;

    /** The status line and the body of the answer to {@code head} (and {@code body}, if any), over a raw socket. */
    private Answer send(String head, byte[] body) throws IOException {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                try {
                    out.write(body);
                } catch (IOException closedEarly) {
                    // the service may answer and close before the whole body is sent
                }
            }
            out.flush();
            return Answer.read(socket.getInputStream());
        }
    }

    private record Answer(int status, String headers, String body) {
        static Answer read(InputStream in) throws IOException {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            try {
                while ((n = in.read(buffer)) > 0) {
                    all.write(buffer, 0, n);
                    String sofar = all.toString(StandardCharsets.ISO_8859_1);
                    int end = sofar.indexOf("\r\n\r\n");
                    if (end > 0 && complete(sofar, end)) {
                        break;
                    }
                }
            } catch (IOException reset) {
                // a connection closed after the answer is fine
            }
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String headers = end < 0 ? text : text.substring(0, end);
            String body = end < 0 ? "" : text.substring(end + 4);
            return new Answer(Integer.parseInt(headers.substring(9, 12)), headers, body);
        }

        private static boolean complete(String sofar, int end) {
            String headers = sofar.substring(0, end).toLowerCase();
            int at = headers.indexOf("content-length:");
            if (at < 0) {
                return false;
            }
            int length = Integer.parseInt(headers.substring(at + 15).split("\r\n")[0].trim());
            return sofar.length() - end - 4 >= length;
        }
    }

    private static void assertProblem(Answer answer, int status, String slug) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.headers().toLowerCase()).contains("content-type: application/problem+json");
        JsonObject problem = new JsonObject(answer.body());
        assertThat(problem.getString("type")).isEqualTo(ProblemType.BASE + slug);
        assertThat(problem.getInteger("status")).isEqualTo(status);
        assertThat(answer.body()).doesNotContain("xxxxxxxxxx");
    }

    @Test
    void a_request_line_over_the_limit_is_a_414_problem() throws IOException {
        String path = "/api/v1/dossiers?q=" + "x".repeat(10_000);
        Answer answer = send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", null);
        assertProblem(answer, 414, "uri-too-long");
    }

    @Test
    void headers_over_the_limit_are_a_431_problem() throws IOException {
        Answer answer = send("GET /api/v1/dossiers HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "x".repeat(30_000)
                + "\r\nConnection: close\r\n\r\n", null);
        assertProblem(answer, 431, "headers-too-large");
    }

    @Test
    void a_chunked_body_over_the_limit_is_a_413_problem() throws IOException {
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) 'x');
        Answer answer = sendChunked(TestSchools.dutch(), chunk, 20);
        assertProblem(answer, 413, "payload-too-large");
    }

    @Test
    void a_dossier_sent_in_chunks_within_the_limit_is_accepted() throws IOException {
        String school = TestSchools.dutch();
        Answer answer = sendChunked(school, Dossiers.oso("POVO", Pupils.bsn(), school).bytes(), 1);
        assertThat(answer.status()).isEqualTo(201);
        assertThat(new JsonObject(answer.body()).getString("sendingSchool")).isEqualTo(school);
    }

    /** POSTs {@code chunk}, {@code times} over, as a chunked XML body from {@code school}. */
    private Answer sendChunked(String school, byte[] chunk, int times) throws IOException {
        String token = Tokens.bearer(Tokens.school(school, Roles.SENDING_SCHOOL));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < times; i++) {
            body.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            body.write(chunk);
            body.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        body.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return send("POST /api/v1/dossiers HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + token
                + "\r\nContent-Type: application/xml\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
                body.toByteArray());
    }
}
