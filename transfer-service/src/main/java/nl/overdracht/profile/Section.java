package nl.overdracht.profile;

import java.util.Objects;
import java.util.Optional;

/**
 * A part of a dossier that parents may inspect and, unless it is mandatory, object to.
 *
 * @param name the stable name used in objections and redaction, e.g. {@code onderwijsondersteuning}
 * @param title a human title (Dutch)
 * @param mandatory whether the law makes the section travel regardless of an objection
 * @param mandatoryReason the legal reason given when an objection to a mandatory section is refused
 */
public record Section(String name, String title, boolean mandatory, Optional<String> mandatoryReason) {
    public Section {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(mandatoryReason, "mandatoryReason");
        if (mandatory && mandatoryReason.isEmpty()) {
            throw new IllegalArgumentException("Mandatory section " + name + " needs a mandatoryReason");
        }
    }
}
