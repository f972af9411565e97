package nl.overdracht.embedded;

import static nl.overdracht.embedded.EmbeddedInfrastructureConfigSourceFactoryTest.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The development keys are for their owner only; the startup line names what is relaxed. No servers start here. */
class DevelopmentKeysAndRelaxationsTest {

    @TempDir
    Path directory;

    @Test
    void new_keys_are_0600_in_a_0700_directory() throws Exception {
        Path keys = directory.resolve("data").resolve("keys");

        DevServiceKeys.cryptoSettings(keys);
        DevServiceKeys.signingSettings(keys);
        DevSigningKey.ensure(keys);

        assertEquals("rwx------", permissions(directory.resolve("data")), "a data directory it creates, too");
        assertEquals("rwx------", permissions(keys));
        for (String file : List.of(DevServiceKeys.KEK_FILE, DevServiceKeys.BLIND_INDEX_FILE,
                DevServiceKeys.SIGNING_KEY_FILE, DevServiceKeys.SIGNING_CERT_FILE, DevSigningKey.PRIVATE_KEY_FILE,
                DevSigningKey.PUBLIC_KEY_FILE)) {
            assertEquals("rw-------", permissions(keys.resolve(file)), file);
        }
        try (var left = Files.list(keys)) {
            assertTrue(left.noneMatch(file -> file.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void a_new_signing_identity_is_ecdsa_p256_and_an_existing_one_is_kept() throws Exception {
        Path keys = directory.resolve("keys");
        Map<String, String> settings = DevServiceKeys.signingSettings(keys);
        X509Certificate certificate = certificate(Path.of(settings.get("overdracht.signing.certificate")));

        assertEquals("EC", certificate.getPublicKey().getAlgorithm());
        assertEquals(256, ((ECPublicKey) certificate.getPublicKey()).getParams().getCurve().getField().getFieldSize());
        assertEquals("SHA256withECDSA", certificate.getSigAlgName());
        String made = Files.readString(keys.resolve(DevServiceKeys.SIGNING_KEY_FILE));

        DevServiceKeys.signingSettings(keys);

        assertEquals(made, Files.readString(keys.resolve(DevServiceKeys.SIGNING_KEY_FILE)), "made once, then kept");
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        try (var in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    @Test
    void keys_an_earlier_version_left_readable_are_narrowed_and_kept() throws Exception {
        Path keys = Files.createDirectories(directory.resolve("keys"));
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path kek = Files.writeString(keys.resolve(DevServiceKeys.KEK_FILE), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        Files.setPosixFilePermissions(kek, PosixFilePermissions.fromString("rw-r--r--"));

        Map<String, String> settings = DevServiceKeys.cryptoSettings(keys);

        assertEquals("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", settings.get("overdracht.crypto.kek.v1"));
        assertEquals("rwx------", permissions(keys));
        assertEquals("rw-------", permissions(kek));
    }

    @Test
    void an_existing_parent_directory_is_left_as_it_is() throws Exception {
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));

        OwnerOnly.directory(directory.resolve("kafka"));

        assertEquals("rwxr-xr-x", permissions(directory));
        assertEquals("rwx------", permissions(directory.resolve("kafka")));
    }

    @Test
    void the_relaxations_name_require_registered_when_it_is_off() {
        EmbeddedSettings settings = new EmbeddedSettings(directory, false, 0);

        List<String> off = DevelopmentRelaxations.inForce(context(Map.of(DevelopmentRelaxations.REQUIRE_REGISTERED,
                "false")), settings, true, true, true, true);
        List<String> on = DevelopmentRelaxations.inForce(context(Map.of(DevelopmentRelaxations.REQUIRE_REGISTERED,
                "true")), settings, false, false, false, false);
        List<String> unset = DevelopmentRelaxations.inForce(context(Map.of()), settings, false, false, false, false);

        assertTrue(off.stream().anyMatch(text -> text.startsWith("overdracht.registry.require-registered=false")), off.toString());
        assertTrue(off.stream().anyMatch(text -> text.contains("development JWT signing key")), off.toString());
        assertTrue(off.stream().anyMatch(text -> text.contains("Kafka in plaintext") && text.contains("127.0.0.1")));
        assertTrue(off.stream().anyMatch(text -> text.contains("PostgreSQL without TLS, trusting local connections")
                && text.contains("127.0.0.1")));
        assertEquals(List.of(), on);
        assertEquals(List.of(), unset);
    }

    @Test
    void the_relaxations_name_an_objection_window_override_and_an_ephemeral_directory() {
        List<String> relaxations = DevelopmentRelaxations.inForce(context(Map.of(
                DevelopmentRelaxations.OBJECTION_WINDOW_OVERRIDE, "PT0S")), new EmbeddedSettings(directory, true, 0),
                false, false, false, false);

        assertTrue(relaxations.get(0).startsWith("overdracht.lifecycle.objection-window-override=PT0S"));
        assertTrue(relaxations.get(1).startsWith("overdracht.embedded.ephemeral=true"));
        assertFalse(relaxations.stream().anyMatch(text -> text.contains("require-registered")));
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

}
