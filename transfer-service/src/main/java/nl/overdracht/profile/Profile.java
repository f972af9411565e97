package nl.overdracht.profile;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of a dossier profile, loaded from {@code schema/src/main/resources/profiles/}.
 *
 * @param id the profile id, e.g. {@code oso-gegevensset} or {@code vl-baso}
 * @param version the profile version, e.g. {@code 2019.1} or {@code 2}
 * @param format {@link #FORMAT_OSO_XML} or {@link #FORMAT_JSON}
 * @param sections the sections, in the profile's order
 * @param limits size and structure limits
 * @param objectionWindow how long parents may object once the enrolment is matched
 * @param expiry how long a dossier waits for an enrolment before it expires
 * @param retention how long ciphertext is kept after each end
 * @param whitelist every allowed path, by section
 * @param oso the OSO rules, for {@code oso-xml} profiles
 * @param json the JSON rules, for {@code json} profiles
 * @param parties where a dossier names its sending and receiving school
 */
public record Profile(String id, String version, String format, List<Section> sections, Limits limits,
        Duration objectionWindow, Duration expiry, Retention retention, Whitelist whitelist, Optional<OsoRules> oso,
        Optional<JsonRules> json, Parties parties) {

    public static final String FORMAT_OSO_XML = "oso-xml";
    public static final String FORMAT_JSON = "json";

    public Profile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(format, "format");
        sections = List.copyOf(sections);
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(objectionWindow, "objectionWindow");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(whitelist, "whitelist");
        Objects.requireNonNull(oso, "oso");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(parties, "parties");
        if (FORMAT_OSO_XML.equals(format) != oso.isPresent() || FORMAT_JSON.equals(format) != json.isPresent()) {
            throw new IllegalArgumentException("Profile " + id + "/" + version + " has rules that do not fit format " + format);
        }
    }

    public Optional<Section> section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Sections the law makes travel regardless of an objection. */
    public List<Section> mandatorySections() {
        return sections.stream().filter(Section::mandatory).toList();
    }

    @Override
    public String toString() {
        return "Profile[" + id + "/" + version + ", " + format + "]";
    }
}
