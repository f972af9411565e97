package nl.overdracht.crypto;

import static nl.overdracht.settings.SettingsCheck.given;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import nl.overdracht.settings.SettingProblem;
import nl.overdracht.settings.SettingsCheck;

/**
 * The keys at rest, checked at start as {@link KeyRing} and {@link BlindIndex} will read them: at
 * least one key-encryption key, each base64 of exactly 32 bytes under a valid version; a current
 * version among them; a blind index key of at least 32 bytes. Names properties and versions, never a key.
 */
public final class KeySettingsCheck implements SettingsCheck<CryptoConfig> {

    @Override
    public Class<CryptoConfig> settings() {
        return CryptoConfig.class;
    }

    @Override
    public List<SettingProblem> problems(CryptoConfig config) {
        List<SettingProblem> problems = new ArrayList<>();
        Map<String, Optional<String>> keys = new TreeMap<>(config.kek());
        if (keys.isEmpty()) {
            problems.add(SettingProblem.missing(KeyRing.KEK_PREFIX + "<version>",
                    "at least one key-encryption key, base64 of 32 random bytes, e.g. " + KeyRing.KEK_PREFIX + "v1"));
        }
        keys.forEach((version, key) -> {
            String property = KeyRing.KEK_PREFIX + version;
            if (!KeyRing.isValidVersion(version)) {
                problems.add(new SettingProblem(property, "the version must match " + KeyRing.versionPattern()));
            }
            given(key).ifPresentOrElse(
                    base64 -> KeyRing.keyProblem(base64).ifPresent(problem -> problems.add(new SettingProblem(property, problem))),
                    () -> problems.add(SettingProblem.missing(property, "base64 of 32 random bytes")));
        });
        given(config.kekCurrent()).map(String::strip).ifPresentOrElse(current -> {
            if (!keys.containsKey(current)) {
                problems.add(new SettingProblem(KeyRing.CURRENT_PROPERTY, "names version " + current
                        + ", which is not configured; configured: "
                        + (keys.isEmpty() ? "none" : String.join(", ", keys.keySet()))));
            }
        }, () -> problems.add(SettingProblem.missing(KeyRing.CURRENT_PROPERTY,
                "the key-encryption key version new data keys are wrapped under")));
        given(config.blindIndexKey()).ifPresentOrElse(
                key -> BlindIndex.keyProblem(key).ifPresent(problem -> problems.add(
                        new SettingProblem(BlindIndex.KEY_PROPERTY, problem))),
                () -> problems.add(SettingProblem.missing(BlindIndex.KEY_PROPERTY,
                        "base64 of at least 32 random bytes, the key of the blind index over pupil ids")));
        return problems;
    }
}
