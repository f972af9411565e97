package nl.overdracht.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The {@code openssl} command for the interoperability tests, found on {@code PATH} (never at a
 * fixed place). Where it is missing, a test that needs it is skipped with the reason; on CI
 * (environment variable {@code CI} set, and not {@code false}) it fails instead, so that the
 * interoperability with OpenSSL is never left untested without anyone noticing.
 */
public final class OpenSsl {

    private static final long TIMEOUT_SECONDS = 60;

    private final Path executable;

    private OpenSsl(Path executable) {
        this.executable = executable;
    }

    /** The openssl on this machine's {@code PATH}; skips the calling test where there is none, or fails it on CI. */
    public static OpenSsl require() {
        return require(System.getenv());
    }

    /** As {@link #require()}, with {@code PATH} and {@code CI} read from {@code environment}. */
    static OpenSsl require(Map<String, String> environment) {
        String path = environment.getOrDefault("PATH", "");
        Optional<Path> found = find(path);
        if (found.isPresent()) {
            return new OpenSsl(found.get());
        }
        String missing = "openssl is not on PATH (" + path + ")";
        if (onCi(environment)) {
            throw new AssertionError(missing + ". CI is set, so the OpenSSL interoperability tests must run: "
                    + "install openssl (Debian: apt-get install openssl)");
        }
        Assumptions.abort("Skipped: " + missing + "; install openssl to run the OpenSSL interoperability tests");
        throw new IllegalStateException("unreachable");
    }

    private static boolean onCi(Map<String, String> environment) {
        String ci = environment.get("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }

    /** The first executable {@code openssl} in the directories of {@code path}. */
    static Optional<Path> find(String path) {
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isBlank()) {
                continue;
            }
            Path candidate = Path.of(directory, "openssl");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public Path executable() {
        return executable;
    }

    /**
     * Opens a CMS package as a receiving school would: {@code openssl cms -decrypt} with the
     * recipient's certificate and key to the inner SignedData, then {@code openssl cms -verify}
     * with the signer's certificate as the trust anchor, writing the signed content to {@code out}.
     * Every file name is relative to {@code dir}.
     */
    public void decryptAndVerify(Path dir, String pkg, String recipientCertificate, String recipientKey,
            String signerCertificate, String out) {
        run(dir, "cms", "-decrypt", "-binary", "-inform", "DER", "-in", pkg,
                "-recip", recipientCertificate, "-inkey", recipientKey, "-out", "signed.der");
        run(dir, "cms", "-verify", "-binary", "-inform", "DER", "-in", "signed.der",
                "-CAfile", signerCertificate, "-out", out);
    }

    /** Runs openssl with {@code arguments} in {@code dir}; fails with openssl's output unless it exits with 0. */
    public void run(Path dir, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(arguments));
        String described = "openssl " + String.join(" ", arguments);
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(described + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(described + " exited with " + process.exitValue() + ":\n" + output);
            }
        } catch (IOException e) {
            throw new AssertionError("could not run " + described, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + described, e);
        }
    }
}
