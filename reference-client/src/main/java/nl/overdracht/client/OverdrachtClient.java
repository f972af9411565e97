package nl.overdracht.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code overdracht-client}: what a school's IT person runs to try Overdracht, on the API's generated client.
 * The sending side submits and follows a dossier; the receiving side lists its pending deliveries, fetches one
 * (download, decrypt with the school's key, verify Overdracht's signature, check the manifest's hash, write the
 * dossier) and acknowledges it. Answers are printed as JSON; a refusal prints the problem and exits 1.
 */
@Command(name = "overdracht-client", mixinStandardHelpOptions = true, version = "overdracht-client 0.1.0",
        description = "A school's command line for Overdracht.",
        subcommands = {OverdrachtClient.Submit.class, OverdrachtClient.Status.class, OverdrachtClient.Pending.class,
                OverdrachtClient.Fetch.class, OverdrachtClient.Ack.class})
public final class OverdrachtClient {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--url", defaultValue = "${env:OVERDRACHT_URL:-http://localhost:8080}",
            description = "Overdracht's address (env OVERDRACHT_URL; default: ${DEFAULT-VALUE})")
    URI url;

    @Option(names = "--token", defaultValue = "${env:OVERDRACHT_TOKEN}", required = true,
            description = "The school's bearer token (env OVERDRACHT_TOKEN)")
    String token;

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, with refusals printed as their problem and exit code 1. */
    public static CommandLine commandLine() {
        return new CommandLine(new OverdrachtClient()).setExecutionExceptionHandler((failure, line, parsed) -> {
            line.getErr().println(failure instanceof Refused refused ? refused.getMessage()
                    : "overdracht-client: " + failure.getMessage());
            return 1;
        });
    }

    OverdrachtApi api() {
        return new OverdrachtApi(url, token);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    void print(Object answer) throws IOException {
        out().println(JSON.writeValueAsString(answer));
        out().flush();
    }

    /** A refusal by the service or by a check of this client; its message is what is printed. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    @Command(name = "submit", description = "Submit a dossier (OSO XML or a JSON profile such as vl-baso) as the sending school.")
    static final class Submit implements Callable<Integer> {
        @ParentCommand
        OverdrachtClient client;

        @Parameters(paramLabel = "FILE", description = "The dossier file: .xml is sent as application/xml, .json as application/json")
        Path file;

        @Option(names = "--receiving-school", description = "The receiving school's id, when the dossier names none")
        Optional<String> receivingSchool;

        @Option(names = "--idempotency-key", description = "Sent as Idempotency-Key: a retry with the same key stores the dossier once")
        Optional<String> idempotencyKey;

        @Override
        public Integer call() throws IOException {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            String mediaType = name.endsWith(".json") ? "application/json" : "application/xml";
            client.print(client.api().submit(Files.readAllBytes(file), mediaType, receivingSchool, idempotencyKey));
            return 0;
        }
    }

    @Command(name = "status", description = "A dossier's state, as its sending school sees it (never its content).")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        OverdrachtClient client;

        @Parameters(paramLabel = "DOSSIER_ID")
        UUID id;

        @Override
        public Integer call() throws IOException {
            client.print(client.api().status(id));
            return 0;
        }
    }

    @Command(name = "pending", description = "The receiving school's deliveries waiting to be downloaded or acknowledged.")
    static final class Pending implements Callable<Integer> {
        @ParentCommand
        OverdrachtClient client;

        @Override
        public Integer call() throws IOException {
            client.print(client.api().pending());
            return 0;
        }
    }

    @Command(name = "fetch", description = "Download a delivery, decrypt it with the school's key, verify Overdracht's "
            + "signature, check the content against the manifest's SHA-256 and write the dossier.")
    static final class Fetch implements Callable<Integer> {
        @ParentCommand
        OverdrachtClient client;

        @Parameters(paramLabel = "DELIVERY_ID")
        UUID id;

        @Option(names = "--key", required = true, description = "The school's private key, PEM (PKCS#8)")
        Path key;

        @Option(names = "--certificate", required = true, description = "The school's certificate, PEM: the one registered")
        Path certificate;

        @Option(names = "--signer", required = true, description = "Overdracht's signing certificate, PEM, as published to schools")
        Path signer;

        @Option(names = "--out", required = true, description = "Where to write the dossier")
        Path out;

        @Override
        public Integer call() throws IOException {
            PackageOpener opener = new PackageOpener(privateKey(key), certificate(certificate), certificate(signer));
            PackageOpener.Opened opened;
            try {
                opened = opener.open(client.api().download(id));
            } catch (PackageOpener.RefusedPackage refused) {
                throw new Refused("overdracht-client: delivery " + id + " refused: " + refused.getMessage());
            }
            Files.write(out, opened.content());
            client.print(Map.of("written", out.toString(), "contentSha256", opened.contentSha256(),
                    "manifest", opened.manifest()));
            return 0;
        }
    }

    @Command(name = "ack", description = "Acknowledge a delivery with the SHA-256 of the dossier as written by fetch.")
    static final class Ack implements Callable<Integer> {
        @ParentCommand
        OverdrachtClient client;

        @Parameters(paramLabel = "DELIVERY_ID")
        UUID id;

        @Option(names = "--file", description = "The dossier as fetch wrote it; its SHA-256 is sent")
        Optional<Path> file;

        @Option(names = "--sha256", description = "The SHA-256 (hex) fetch printed, instead of --file")
        Optional<String> sha256;

        @Override
        public Integer call() throws IOException {
            String hash = file.isPresent()
                    ? HexFormat.of().formatHex(PackageOpener.sha256(Files.readAllBytes(file.get())))
                    : sha256.orElseThrow(() -> new Refused("overdracht-client: ack needs --file or --sha256"));
            client.print(client.api().acknowledge(id, hash));
            return 0;
        }
    }

    static PrivateKey privateKey(Path pem) throws IOException {
        byte[] der = pemBody(Files.readString(pem), "PRIVATE KEY");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new Refused("overdracht-client: " + pem + " is not an RSA or EC private key in PKCS#8 PEM");
    }

    static X509Certificate certificate(Path pem) throws IOException {
        try (var in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (CertificateException e) {
            throw new Refused("overdracht-client: " + pem + " is not an X.509 certificate (" + e.getMessage() + ")");
        }
    }

    private static byte[] pemBody(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        int start = pem.indexOf(begin);
        int end = pem.indexOf("-----END " + label + "-----");
        if (start < 0 || end < start) {
            throw new Refused("overdracht-client: no " + label + " PEM block (an unencrypted PKCS#8 key is needed)");
        }
        return Base64.getMimeDecoder().decode(pem.substring(start + begin.length(), end));
    }
}
