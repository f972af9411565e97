package nl.overdracht.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.overdracht.profile.SampleDossiers;

/**
 * The dossiers the tests send or inspect, from three sources: the fictional sample dossiers
 * ({@link SampleDossiers}) made out for a pupil and a sending school, the sample files in
 * {@code schema/.../samples/} exactly as they are, and the OSO standard's own examples from the
 * shared folder. Tests change them through {@link Dossier}, never by building their own.
 */
public final class Dossiers {

    /** The school the OSO sample files name as sender (BRIN 99ZZ, vestiging 00). */
    public static final String SAMPLE_OSO_SENDER = SampleDossiers.OSO_SENDER;
    /** The school the vl-baso samples name as receiver. */
    public static final String SAMPLE_BASO_RECEIVER = SampleDossiers.BASO_RECEIVER;
    /** The rijksregisternummer of the vl-baso samples' pupil. */
    public static final String SAMPLE_RIJKSREGISTERNUMMER = SampleDossiers.FICTIONAL_RIJKSREGISTERNUMMER;

    private static final String XML = "application/xml";
    private static final String JSON = "application/json";

    private Dossiers() {
    }

    /** A valid OSO 2019.1 dossier of the transfer kind (POVO, POPO, VOVO) about {@code bsn}, sent by {@code school}. */
    public static Dossier oso(String transferKind, String bsn, String school) {
        return new Dossier(XML, SampleDossiers.oso(transferKind)).withBsn(bsn).sentBy(school);
    }

    /**
     * A valid vl-baso dossier of schema version "1" or "2" about {@code rijksregisternummer}, sent
     * by {@code school}; it names {@link #SAMPLE_BASO_RECEIVER} as its receiving school.
     */
    public static Dossier baso(String version, String rijksregisternummer, String school) {
        return new Dossier(JSON, SampleDossiers.baso(version)).withRijksregisternummer(rijksregisternummer).sentBy(school);
    }

    /** A valid OSO POVO dossier of about {@code bytes} bytes, padded with attachments; see {@link SampleDossiers#osoOfSize}. */
    public static Dossier osoOfSize(int bytes) {
        return new Dossier(XML, new String(SampleDossiers.osoOfSize(bytes), StandardCharsets.UTF_8));
    }

    /** The sample file {@code name} of {@code schema/src/main/resources/samples/}, as it is. */
    public static Dossier sample(String name) {
        try (InputStream in = Dossiers.class.getClassLoader().getResourceAsStream("samples/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No sample " + name);
            }
            return new Dossier(name.endsWith(".json") ? JSON : XML, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The OSO standard's example {@code name} of {@code version}, as it is; the test is skipped where it is absent. */
    public static Dossier osoExample(String version, String name) {
        Path file = OsoStandard.examples(version).resolve(name);
        try {
            return new Dossier(XML, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
