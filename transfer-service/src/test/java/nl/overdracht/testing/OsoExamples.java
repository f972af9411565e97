package nl.overdracht.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.overdracht.profile.SampleDossiers;
import org.junit.jupiter.api.Assumptions;

/**
 * The OSO standard's own example dossiers from the shared folder (system property
 * {@code overdracht.shared.dir}), as a test school sends them; a test that needs one is skipped
 * with the reason when the folder is absent.
 */
public final class OsoExamples {

    private OsoExamples() {
    }

    /**
     * The example at {@code relative} (under {@code oso-gegevensset/}, e.g.
     * {@code 2018.1/examples/Voorbeelddossier_OV_POPO_full.xml}), sent by {@code school} about the
     * pupil with {@code bsn}.
     */
    public static String sentBy(String relative, String school, String bsn) {
        String dir = System.getProperty("overdracht.shared.dir");
        Path file = dir == null ? null : Path.of(dir, "oso-gegevensset", relative);
        Assumptions.assumeTrue(file != null && Files.isRegularFile(file),
                "Skipped: the shared OSO gegevensset examples (system property overdracht.shared.dir) are absent");
        try {
            return SampleDossiers.sentBy(Files.readString(file, StandardCharsets.UTF_8), school)
                    .replaceFirst("<bsn>[0-9]+</bsn>", "<bsn>" + bsn + "</bsn>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
