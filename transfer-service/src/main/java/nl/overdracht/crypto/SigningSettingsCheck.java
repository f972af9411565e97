package nl.overdracht.crypto;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import nl.overdracht.settings.SettingProblem;
import nl.overdracht.settings.SettingsCheck;

/**
 * The signing identity, checked at start as {@link SigningIdentityProducer} will read it: a readable
 * PEM file with an unencrypted private key, a readable PEM certificate, of the same algorithm.
 */
public final class SigningSettingsCheck implements SettingsCheck<SigningConfig> {

    static final String PRIVATE_KEY = "overdracht.signing.private-key";
    static final String CERTIFICATE = "overdracht.signing.certificate";

    @Override
    public Class<SigningConfig> settings() {
        return SigningConfig.class;
    }

    @Override
    public List<SettingProblem> problems(SigningConfig config) {
        List<SettingProblem> problems = new ArrayList<>();
        Optional<PrivateKey> key = read(PRIVATE_KEY, config.privateKey(),
                "PEM file of the service's unencrypted signing key", SigningIdentityProducer::readPrivateKey, problems);
        Optional<X509Certificate> certificate = read(CERTIFICATE, config.certificate(),
                "PEM file of that key's certificate", SigningIdentityProducer::readCertificate, problems);
        if (key.isPresent() && certificate.isPresent()) {
            try {
                new SigningIdentity(key.get(), certificate.get());
            } catch (IllegalArgumentException e) {
                problems.add(new SettingProblem(CERTIFICATE, e.getMessage()));
            }
        }
        return problems;
    }

    private static <T> Optional<T> read(String property, Optional<Path> file, String whatItIs, Function<Path, T> reader,
            List<SettingProblem> problems) {
        if (file.isEmpty() || file.get().toString().isBlank()) {
            problems.add(SettingProblem.missing(property, whatItIs));
            return Optional.empty();
        }
        Path path = file.get();
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            problems.add(new SettingProblem(property, "there is no readable file at " + path));
            return Optional.empty();
        }
        try {
            return Optional.of(reader.apply(path));
        } catch (RuntimeException e) {
            // the readers' messages name the file and what it lacks, never its content
            problems.add(new SettingProblem(property, e.getMessage()));
            return Optional.empty();
        }
    }
}
