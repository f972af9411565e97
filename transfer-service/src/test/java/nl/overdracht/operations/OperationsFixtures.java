package nl.overdracht.operations;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import nl.overdracht.lifecycle.LifecycleTimer;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.Dossier;
import nl.overdracht.testing.Dossiers;
import nl.overdracht.testing.Pupils;
import nl.overdracht.testing.TestClock;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Transfers;

/**
 * Dossiers in the states an operator watches, through the API: each test takes a region of its own, so
 * what it counts there is its own whatever the other tests sharing the database do.
 */
@Singleton
class OperationsFixtures {

    static final List<String> EVERY_PROFILE = List.of("oso-gegevensset@2018.1", "oso-gegevensset@2019.1", "vl-baso@1",
            "vl-baso@2");

    @Inject
    LifecycleTimer timer;

    /** A region no other test uses, such as {@code stuck-1a2b3c4d}. */
    static String freshRegion(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A receiving school registered in {@code region}, accepting every profile, without a certificate. */
    static String schoolWithoutCertificate(String region) {
        String school = TestSchools.dutch();
        Transfers.register(region, school, EVERY_PROFILE);
        return school;
    }

    /** An OSO dossier of a fresh pupil to {@code receivingSchool}, enrolled there: in its objection window. */
    static Transfers.Matched enrolled(String receivingSchool) {
        String sending = TestSchools.dutch();
        String bsn = Pupils.bsn();
        UUID id = Transfers.submitOso(sending, bsn, receivingSchool);
        Transfers.enrol(receivingSchool, "BSN", bsn, sending);
        return new Transfers.Matched(sending, receivingSchool, bsn, id);
    }

    /** Lets every objection window elapse and waits until {@code dossiers} are released. */
    void release(Transfers.Matched... dossiers) {
        TestClock.advance(Duration.ofDays(15));
        for (Transfers.Matched dossier : dossiers) {
            Transfers.awaitState(dossier.sending(), dossier.id(), "RELEASED",
                    () -> timer.runDue().await().atMost(Transfers.WAIT));
        }
    }

    /** Submits a vl-baso dossier with a field the profile does not list ({@code not-whitelisted}): refused, 422. */
    static void submitNotWhitelisted(String sending) {
        Dossier dossier = Dossiers.baso("2", Pupils.rijksregisternummer(), sending)
                .replace("\"receivingSchool\"", "\"hobbyClub\": \"chess\", \"receivingSchool\"");
        Transfers.as(sending, Roles.SENDING_SCHOOL).contentType(dossier.mediaType()).body(dossier.bytes())
                .when().post("/api/v1/dossiers")
                .then().statusCode(422);
    }
}
