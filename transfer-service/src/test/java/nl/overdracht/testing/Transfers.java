package nl.overdracht.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import nl.overdracht.security.Roles;
import org.awaitility.Awaitility;

/**
 * Schools, dossiers and enrolments through the API, and what the database holds of them. Tests
 * take fresh pupils ({@link Pupils}) and schools ({@link TestSchools}) for every call, so tests
 * sharing the one Quarkus boot (and one database) never meet.
 */
public final class Transfers {

    public static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private Transfers() {
    }

    /** A request as {@code school} in {@code role}. */
    public static RequestSpecification as(String school, String role) {
        String token = TOKENS.computeIfAbsent(school + " " + role, key -> Tokens.school(school, role));
        return given().header("Authorization", Tokens.bearer(token));
    }

    /** A request as an operator of {@code region}. */
    public static RequestSpecification operator(String region) {
        String token = TOKENS.computeIfAbsent("region " + region + " " + Roles.OPERATOR,
                key -> Tokens.region(region, Roles.OPERATOR));
        return given().header("Authorization", Tokens.bearer(token));
    }

    /** Registers {@code school} in {@code region} as its operator, accepting {@code acceptedProfiles} ({@code profile@version}). */
    public static void register(String region, String school, List<String> acceptedProfiles) {
        register(region, school, acceptedProfiles, false);
    }

    /** As {@link #register(String, String, List)}, and whether the school takes AuthEnvelopedData deliveries. */
    public static void register(String region, String school, List<String> acceptedProfiles, boolean authEnvelopedData) {
        operator(region).contentType(ContentType.JSON)
                .body(Map.of("id", school, "name", "Testschool " + school, "acceptedProfiles", acceptedProfiles,
                        "authEnvelopedData", authEnvelopedData))
                .when().post("/api/v1/registry/schools")
                .then().statusCode(201);
    }

    /** Submits the sample OSO POVO dossier about {@code bsn}; {@code receivingSchool} may be null (the dossier names none). */
    public static UUID submitOso(String sendingSchool, String bsn, String receivingSchool) {
        return submit(sendingSchool, Dossiers.oso("POVO", bsn, sendingSchool), receivingSchool);
    }

    /**
     * Submits the sample vl-baso v2 dossier about {@code rijksregisternummer}; the dossier names no
     * receiving school, the request names {@code receivingSchool}.
     */
    public static UUID submitBaso(String sendingSchool, String rijksregisternummer, String receivingSchool) {
        return submit(sendingSchool, Dossiers.baso("2", rijksregisternummer, sendingSchool).withoutMember("receivingSchool"),
                receivingSchool);
    }

    /** Submits {@code dossier} as {@code sendingSchool}, naming {@code receivingSchool} unless null; answers its id. */
    public static UUID submit(String sendingSchool, Dossier dossier, String receivingSchool) {
        RequestSpecification request = as(sendingSchool, Roles.SENDING_SCHOOL).contentType(dossier.mediaType())
                .body(dossier.bytes());
        if (receivingSchool != null) {
            request = request.queryParam("receivingSchool", receivingSchool);
        }
        return UUID.fromString(request.when().post("/api/v1/dossiers")
                .then().statusCode(201).extract().path("id"));
    }

    /** A dossier matched with its enrolment, so in its objection window: the schools, the pupil and the dossier. */
    public record Matched(String sending, String receiving, String pupilId, UUID id) {
    }

    /** The sample OSO dossier of a fresh pupil from {@code sending}, naming no receiver, matched by {@code receiving}'s enrolment. */
    public static Matched matchedOso(String sending, String receiving) {
        String bsn = Pupils.bsn();
        UUID id = submitOso(sending, bsn, null);
        requireMatched(enrol(receiving, "BSN", bsn, null));
        return new Matched(sending, receiving, bsn, id);
    }

    /** The sample vl-baso dossier of a fresh pupil from {@code sending} to {@code receiving}, matched by its enrolment. */
    public static Matched matchedBaso(String sending, String receiving) {
        String rijksregisternummer = Pupils.rijksregisternummer();
        UUID id = submitBaso(sending, rijksregisternummer, receiving);
        requireMatched(enrol(receiving, "RIJKSREGISTERNUMMER", rijksregisternummer, null));
        return new Matched(sending, receiving, rijksregisternummer, id);
    }

    private static void requireMatched(Map<String, Object> enrolment) {
        if (!Boolean.TRUE.equals(enrolment.get("matched"))) {
            throw new AssertionError("the enrolment did not match its dossier: " + enrolment);
        }
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

    /** How many dossiers {@code sendingSchool} has stored, whatever their state. */
    public static long dossierCount(Pool pool, String sendingSchool) {
        return one(pool, "SELECT count(*) AS n FROM dossier WHERE sending_school = $1", sendingSchool).getLong("n");
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
