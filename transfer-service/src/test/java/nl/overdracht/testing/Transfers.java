package nl.overdracht.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import nl.overdracht.profile.SampleDossiers;
import nl.overdracht.security.Roles;
import org.awaitility.Awaitility;

/**
 * Dossiers and enrolments through the API, for the lifecycle tests. Every call makes its own
 * pupils and schools, so tests sharing the one Quarkus boot (and one database) never meet.
 */
public final class Transfers {

    public static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private Transfers() {
    }

    /**
     * A school id no other test uses: a Dutch BRIN plus vestiging with {@code prefix} (two capital
     * letters) as the BRIN's letters, {@code 12ES34}, so that an OSO dossier can name it in the
     * standard's form ({@code brincode} two digits and two letters, {@code vestigingscode} two digits).
     */
    public static String school(String prefix) {
        if (!prefix.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("A school prefix is two capital letters: " + prefix);
        }
        int n = SEQUENCE.incrementAndGet() % 10_000;
        return String.format("%02d%s%02d", n / 100, prefix, n % 100);
    }

    /** A BSN no other test uses that passes the eleven-test (and is not the sample dossiers' own). */
    public static String bsn() {
        while (true) {
            String eight = String.format("%08d", 70_000_000 + SEQUENCE.incrementAndGet());
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (eight.charAt(i) - '0') * (9 - i);
            }
            int check = sum % 11;
            if (check < 10) {
                return eight + check;
            }
        }
    }

    /** A rijksregisternummer (born from 2012, so the check uses the "2" prefix) no other test uses. */
    public static String rijksregisternummer() {
        int n = SEQUENCE.incrementAndGet();
        LocalDate born = LocalDate.of(2012, 1, 1).plusDays(n / 900);
        String nine = String.format("%02d%02d%02d%03d", born.getYear() % 100, born.getMonthValue(),
                born.getDayOfMonth(), 100 + n % 900);
        long check = 97 - (2_000_000_000L + Long.parseLong(nine)) % 97;
        return nine + String.format("%02d", check);
    }

    /** The sample OSO POVO dossier (pupil Sanne Voorbeeld) carrying {@code bsn}, sent by {@code sendingSchool}. */
    public static String osoDossier(String sendingSchool, String bsn) {
        return SampleDossiers.sentBy(SampleDossiers.oso("POVO").replace("<bsn>" + SampleDossiers.FICTIONAL_BSN + "</bsn>",
                "<bsn>" + bsn + "</bsn>"), sendingSchool);
    }

    /**
     * The sample vl-baso v2 dossier (pupil Lotte Voorbeeld) carrying {@code rijksregisternummer}, sent
     * by {@code sendingSchool} and naming no receiving school (the request names it).
     */
    public static String basoDossier(String sendingSchool, String rijksregisternummer) {
        return SampleDossiers.sentBy(SampleDossiers.baso("2")
                        .replace(SampleDossiers.FICTIONAL_RIJKSREGISTERNUMMER, rijksregisternummer)
                        .replace("\"receivingSchool\": \"" + SampleDossiers.BASO_RECEIVER + "\",", ""), sendingSchool);
    }

    /** A request as {@code school} in {@code role}. */
    public static RequestSpecification as(String school, String role) {
        String token = TOKENS.computeIfAbsent(school + " " + role, key -> Tokens.school(school, role));
        return given().header("Authorization", Tokens.bearer(token));
    }

    /** Submits an OSO dossier for {@code bsn}; {@code receivingSchool} may be null (the dossier names none). */
    public static UUID submitOso(String sendingSchool, String bsn, String receivingSchool) {
        return submit(sendingSchool, "application/xml", osoDossier(sendingSchool, bsn), receivingSchool);
    }

    /** Submits a vl-baso dossier, naming {@code receivingSchool}. */
    public static UUID submitBaso(String sendingSchool, String rijksregisternummer, String receivingSchool) {
        return submit(sendingSchool, "application/json", basoDossier(sendingSchool, rijksregisternummer), receivingSchool);
    }

    private static UUID submit(String sendingSchool, String mediaType, String body, String receivingSchool) {
        RequestSpecification request = as(sendingSchool, Roles.SENDING_SCHOOL).contentType(mediaType).body(body);
        if (receivingSchool != null) {
            request = request.queryParam("receivingSchool", receivingSchool);
        }
        return UUID.fromString(request.when().post("/api/v1/dossiers")
                .then().statusCode(201).extract().path("id"));
    }

    /** Records an enrolment; answers the enrolment as the API returned it. */
    public static Map<String, Object> enrol(String receivingSchool, String kind, String pupilId, String sendingSchool) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("pupilIdKind", kind, "pupilId", pupilId,
                "enrolmentDate", "2025-08-25"));
        if (sendingSchool != null) {
            body.put("sendingSchool", sendingSchool);
        }
        return as(receivingSchool, Roles.RECEIVING_SCHOOL).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/enrolments")
                .then().statusCode(201).extract().jsonPath().getMap("");
    }

    /** The dossier's state, as its sending school reads it. */
    public static String state(String sendingSchool, UUID id) {
        return as(sendingSchool, Roles.SENDING_SCHOOL).when().get("/api/v1/dossiers/" + id)
                .then().statusCode(200).extract().path("state");
    }

    /**
     * Waits until the dossier is in {@code state}, running {@code round} (a timer round) before each
     * look: the scheduled timer may be holding the dossier, and then it is its commit we wait for.
     */
    public static void awaitState(String sendingSchool, UUID id, String state, Runnable round) {
        Awaitility.await("dossier " + id + " in " + state).atMost(WAIT).pollInterval(POLL)
                .until(() -> {
                    round.run();
                    return state(sendingSchool, id);
                }, state::equals);
    }

    /** Waits until {@code check} answers a value. */
    public static <T> T await(String what, Supplier<Optional<T>> check) {
        return Awaitility.await(what).atMost(WAIT).pollInterval(POLL).until(check::get, Optional::isPresent).orElseThrow();
    }

    /** The rows {@code sql} answers. */
    public static List<Row> query(Pool pool, String sql, Object... args) {
        List<Row> out = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.from(List.of(args))).await().atMost(WAIT).forEach(out::add);
        return out;
    }

    /** The one row {@code sql} answers. */
    public static Row one(Pool pool, String sql, Object... args) {
        List<Row> rows = query(pool, sql, args);
        if (rows.size() != 1) {
            throw new AssertionError(rows.size() + " rows for " + sql);
        }
        return rows.get(0);
    }

    /** How many audit entries, chained or still pending, record {@code action} on the dossier. */
    public static long auditCount(Pool pool, UUID dossierId, String action) {
        return one(pool, "SELECT count(*) AS n FROM (SELECT action FROM audit_pending WHERE dossier_id = $1 "
                + "UNION ALL SELECT action FROM audit_entry WHERE dossier_id = $1) a WHERE action = $2",
                dossierId, action).getLong("n");
    }

    /** How many outbox events record {@code transition} of the dossier. */
    public static long eventCount(Pool pool, UUID dossierId, String transition) {
        return one(pool, "SELECT count(*) AS n FROM outbox_event WHERE aggregate_id = $1 "
                + "AND payload->>'transition' = $2", dossierId, transition).getLong("n");
    }

}
