package nl.overdracht.auditverifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command on export files: a good one verifies; an altered, removed or forged line is named by its seq. */
class VerifyAuditExportTest {

    private static final HexFormat HEX = HexFormat.of();
    private static KeyPair overdracht;
    private static KeyPair stranger;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        overdracht = generator.generateKeyPair();
        stranger = generator.generateKeyPair();
    }

    @Test
    void an_intact_export_verifies() throws Exception {
        Run run = run(export(5));

        assertThat(run.code).isZero();
        assertThat(run.out).startsWith("OK 5 entries");
    }

    @Test
    void an_altered_entry_is_named_by_its_sequence_number() throws Exception {
        List<String> lines = export(5);
        lines.set(3, lines.get(3).replace("\"outcome\":\"accepted\"", "\"outcome\":\"refused\""));

        Run run = run(lines);

        assertThat(run.code).isEqualTo(1);
        assertThat(run.out).startsWith("FAILED at sequence 3: " + VerifyAuditExport.LEAF);
    }

    @Test
    void a_removed_entry_is_named_as_the_gap() throws Exception {
        List<String> lines = export(5);
        lines.remove(2);

        Run run = run(lines);

        assertThat(run.code).isEqualTo(1);
        assertThat(run.out).startsWith("FAILED at sequence 2: " + VerifyAuditExport.MISSING);
    }

    @Test
    void a_rewritten_chain_contradicts_the_signed_checkpoint() throws Exception {
        List<String> honest = export(5);
        List<String> rewritten = export(5, "refused", overdracht);
        // the forger rewrote the whole chain consistently but cannot re-sign the checkpoint
        rewritten.set(rewritten.size() - 1, honest.get(honest.size() - 1));

        Run run = run(rewritten);

        assertThat(run.code).isEqualTo(1);
        assertThat(run.out).startsWith("FAILED at sequence 5: " + VerifyAuditExport.CHECKPOINT_HEAD);
    }

    @Test
    void a_checkpoint_signed_by_another_key_is_refused() throws Exception {
        Run run = run(export(5, "accepted", stranger));

        assertThat(run.code).isEqualTo(1);
        assertThat(run.out).startsWith("FAILED at sequence 5: " + VerifyAuditExport.CHECKPOINT_SIGNATURE);
    }

    @Test
    void missing_arguments_print_the_usage_and_fail() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = VerifyAuditExport.run(new String[] {"--export"}, System.out, new PrintStream(err));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage");
    }

    private record Run(int code, String out) {
    }

    private Run run(List<String> lines) throws Exception {
        Path export = dir.resolve("export.jsonl");
        Files.write(export, lines);
        Path certificate = dir.resolve("cert.pem");
        Files.writeString(certificate, certificatePem(overdracht));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = VerifyAuditExport.run(new String[] {"--export", export.toString(), "--certificate",
                certificate.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        return new Run(code, out.toString(StandardCharsets.UTF_8));
    }

    private static List<String> export(int size) throws Exception {
        return export(size, "accepted", overdracht);
    }

    /** An export of entries 1..size with a checkpoint at size, as the service writes it. */
    private static List<String> export(int size, String outcome, KeyPair signer) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("{\"type\":\"export\",\"format\":\"overdracht-audit-export/1\",\"from\":1,\"to\":" + size
                + ",\"previousChain\":\"" + HEX.formatHex(new byte[32]) + "\",\"next\":null}");
        byte[] chain = new byte[32];
        for (int seq = 1; seq <= size; seq++) {
            Instant at = Instant.parse("2026-03-01T12:00:00.000001Z").plusSeconds(seq);
            String entryOutcome = seq == 3 ? outcome : "accepted";
            Canonical.Entry entry = new Canonical.Entry(seq, at, "DOSSIER_SUBMITTED", "user@00YY00", "sending-school",
                    "00YY00", null, "3f1c2e4a-8b7d-4e21-9c35-0a1b2c3d4e5f", entryOutcome, null);
            byte[] leaf = Canonical.leaf(Canonical.entryBytes(entry));
            chain = Canonical.chain(chain, leaf);
            lines.add("{\"type\":\"entry\",\"seq\":" + seq + ",\"at\":\"" + at + "\",\"action\":\"DOSSIER_SUBMITTED\","
                    + "\"actorSubject\":\"user@00YY00\",\"actorRole\":\"sending-school\",\"actorSchool\":\"00YY00\","
                    + "\"actorRegion\":null,\"dossierId\":\"3f1c2e4a-8b7d-4e21-9c35-0a1b2c3d4e5f\",\"outcome\":\""
                    + entryOutcome + "\",\"contentSha256\":null,\"leaf\":\"" + HEX.formatHex(leaf) + "\",\"chain\":\""
                    + HEX.formatHex(chain) + "\"}");
        }
        Instant signedAt = Instant.parse("2026-03-01T13:00:00Z");
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(signer.getPrivate());
        signature.update(Canonical.checkpointBytes(size, chain, signedAt));
        lines.add("{\"type\":\"checkpoint\",\"size\":" + size + ",\"chainHead\":\"" + HEX.formatHex(chain)
                + "\",\"signedAt\":\"2026-03-01T13:00:00.000000Z\",\"algorithm\":\"SHA256withRSA\",\"signature\":\""
                + Base64.getEncoder().encodeToString(signature.sign()) + "\"}");
        return lines;
    }

    private static String certificatePem(KeyPair pair) throws Exception {
        X500Name name = new X500Name("CN=Overdracht test");
        X509CertificateHolder holder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(Instant.now().minusSeconds(60)), Date.from(Instant.now().plusSeconds(3600)), name,
                pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(holder.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }
}
