package nl.overdracht.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;
import nl.overdracht.testing.Dossiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No parser writes to the process's output: a refused dossier is answered, never printed (the
 * JDK's XML parsers print {@code [Fatal Error]} lines with the dossier's content when nothing
 * handles their errors). Checked with the official XSD and business rules, where they are.
 */
class QuietParsersTest {

    private static final List<String> HOSTILE = List.of(
            "not xml at all",
            "<dossier><open></dossier>",
            "<?xml version=\"1.0\" encoding=\"no-such-encoding\"?><a/>",
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>",
            "<a>&#0;</a>",
            "<a>\u0001</a>",
            "<a b=\"1\" b=\"2\"/>",
            "<a></a><b></b>",
            "",
            "\uFEFF\uFEFF<a/>",
            "<x:a xmlns:y=\"u\"/>",
            "<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>");

    @Test
    void refused_dossiers_write_nothing_to_standard_output_or_error() {
        DossierInspector inspector = Fixtures.inspector();
        assertQuiet(inspector);
    }

    @Test
    void with_the_official_files_refused_dossiers_write_nothing_either() {
        DossierInspector inspector = Fixtures.withOfficialFiles();
        assertQuiet(inspector);
        String broken = Dossiers.sample("oso-povo-valid.xml").text().replace("</dossier>", "");
        assertQuietly(inspector, broken.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void configured_files_that_are_not_xml_are_refused_without_a_word_on_the_output(@TempDir Path dir) throws Exception {
        Path notXml = Files.writeString(dir.resolve("ValideerOverstapprofielen.xsl"), "not a stylesheet <");
        Path halfXml = Files.writeString(dir.resolve("half.xsd"), "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">");
        for (Path file : List.of(notXml, halfXml)) {
            assertSilent(() -> OsoRuleValidator.compile(file), IllegalArgumentException.class);
            assertSilent(() -> OsoSchemaValidator.compile(file), IllegalArgumentException.class);
        }
    }

    /** Runs {@code refused}, which must throw {@code type}, and checks that nothing reached standard output or error. */
    private static void assertSilent(Runnable refused, Class<? extends Throwable> type) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            assertThatThrownBy(refused::run).isInstanceOf(type);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static void assertQuiet(DossierInspector inspector) {
        for (String body : HOSTILE) {
            assertQuietly(inspector, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void assertQuietly(DossierInspector inspector, byte[] body) {
        assertSilent(() -> inspector.inspect("application/xml", body), RuntimeException.class);
    }
}
