package nl.overdracht.security;

import static nl.overdracht.settings.SettingsCheck.given;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.overdracht.settings.SettingProblem;
import nl.overdracht.settings.SettingsCheck;

/**
 * Fails closed at start: a pinned issuer, an audience and a verification key, which is there to read
 * when it is a file or class-path resource. A JWKS URL is not fetched at start.
 */
public final class TokenVerificationCheck implements SettingsCheck<TokenVerificationSettings> {

    static final String LOCATION = "mp.jwt.verify.publickey.location";

    @Override
    public Class<TokenVerificationSettings> settings() {
        return TokenVerificationSettings.class;
    }

    @Override
    public List<SettingProblem> problems(TokenVerificationSettings settings) {
        List<SettingProblem> problems = new ArrayList<>();
        Optional<String> location = given(settings.publickeyLocation());
        if (location.isPresent()) {
            locationProblem(location.get().strip()).ifPresent(problem -> problems.add(new SettingProblem(LOCATION, problem)));
        } else if (given(settings.publickey()).isEmpty()) {
            problems.add(SettingProblem.missing(LOCATION, "where the token issuer's public key (PEM or JWKS) is, "
                    + "or the key itself as mp.jwt.verify.publickey"));
        }
        if (given(settings.issuer()).isEmpty()) {
            problems.add(SettingProblem.missing("mp.jwt.verify.issuer", "the one token issuer accepted"));
        }
        if (given(settings.audiences()).isEmpty()) {
            problems.add(SettingProblem.missing("mp.jwt.verify.audiences", "the audience tokens must name (overdracht)"));
        }
        return problems;
    }

    /** What keeps SmallRye JWT from reading the key at {@code location}, if anything. */
    static Optional<String> locationProblem(String location) {
        if (location.startsWith("https://") || location.startsWith("http://")) {
            try {
                return new URI(location).getHost() == null ? Optional.of("is not a URL with a host") : Optional.empty();
            } catch (URISyntaxException e) {
                return Optional.of("is not a valid URL");
            }
        }
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
            return onClassPath(resource) ? Optional.empty()
                    : Optional.of("there is no class-path resource " + resource);
        }
        Path path;
        try {
            path = location.startsWith("file:") ? Path.of(new URI(location)) : Path.of(location);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.of("is neither a file path nor a URL");
        }
        if (Files.isRegularFile(path) && Files.isReadable(path) || !location.startsWith("file:") && onClassPath(location)) {
            return Optional.empty();
        }
        return Optional.of("there is no readable file at " + path);
    }

    private static boolean onClassPath(String resource) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return (loader != null ? loader : TokenVerificationCheck.class.getClassLoader()).getResource(resource) != null;
    }
}
