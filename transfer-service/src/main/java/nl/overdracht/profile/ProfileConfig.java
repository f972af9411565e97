package nl.overdracht.profile;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code overdracht.profiles.*}: the official files of the OSO standard, per profile version. None is
 * required; a profile version runs on its profile data alone when none is configured.
 */
@Unremovable
@ConfigMapping(prefix = "overdracht.profiles")
public interface ProfileConfig {

    /** The OSO standard's own files. */
    Oso oso();

    /**
     * {@code overdracht.profiles.oso.*}. {@link OsoStandardFiles} reads these by property name, each
     * live version's by its full name, so that the environment-variable form of a dotted version
     * ({@code OVERDRACHT_PROFILES_OSO_XSD_2019_1}) is found too; a blank value counts as not set.
     */
    interface Oso {

        /**
         * Per OSO profile version ({@code overdracht.profiles.oso.xsd.<version>}, e.g. {@code 2019.1}),
         * the path of the standard's XSD; when set, that version's dossiers are validated against it
         * as well. A path that is not a readable file or does not compile, or a version that is not
         * live, stops the start naming the property.
         */
        Map<String, Optional<Path>> xsd();

        /**
         * Per OSO profile version ({@code overdracht.profiles.oso.validation.<version>}), the path of
         * the standard's business-rule stylesheet {@code ValideerOverstapprofielen.xsl} (its
         * {@code include/} beside it); when set, its errors refuse a dossier and its other meldingen
         * come back as warnings. Refused at start like {@link #xsd()}.
         */
        Map<String, Optional<Path>> validation();

        /**
         * Retired: the single XSD path of before there were two OSO versions, replaced by
         * {@link #xsd()}. Setting it stops the start, saying what replaces it, so that it cannot
         * silently do nothing.
         */
        Optional<String> xsdPath();
    }
}
