package nl.overdracht.testing;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.overdracht.profile.SampleDossiers;

/**
 * A dossier as a test sends it: its media type and its text. Every change answers a new dossier
 * and fails when what it would change is not there, so a test never sends the unchanged dossier
 * believing it changed.
 *
 * @param mediaType {@code application/xml} (OSO) or {@code application/json} (vl-baso)
 * @param text the document
 */
public record Dossier(String mediaType, String text) {

    private static final Pattern BSN = Pattern.compile("<bsn>[0-9]*</bsn>");

    /** The document in UTF-8, as it goes over the wire. */
    public byte[] bytes() {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Every {@code target} replaced by {@code replacement}. */
    public Dossier replace(String target, String replacement) {
        requireContains(target);
        return new Dossier(mediaType, text.replace(target, replacement));
    }

    /** The same dossier as sent by {@code school}: see {@link SampleDossiers#sentBy}. */
    public Dossier sentBy(String school) {
        return new Dossier(mediaType, SampleDossiers.sentBy(text, school));
    }

    /** An OSO dossier about the pupil with {@code bsn} (its first {@code bsn} element). */
    public Dossier withBsn(String bsn) {
        Matcher pupil = BSN.matcher(text);
        if (!pupil.find()) {
            throw new IllegalStateException("this dossier has no bsn element");
        }
        return new Dossier(mediaType, pupil.replaceFirst("<bsn>" + bsn + "</bsn>"));
    }

    /** A vl-baso dossier about the pupil with {@code rijksregisternummer}. */
    public Dossier withRijksregisternummer(String rijksregisternummer) {
        return withMember("rijksregisternummer", rijksregisternummer);
    }

    /** The JSON member {@code name} (a string, at any depth; the first) given {@code value}. */
    public Dossier withMember(String name, String value) {
        Matcher member = member(name);
        return new Dossier(mediaType, member.replaceFirst(Matcher.quoteReplacement("\"" + name + "\": \"" + value + "\"")));
    }

    /** The JSON member {@code name} (a string followed by another member; the first) left out. */
    public Dossier withoutMember(String name) {
        Matcher member = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"[^\"]*\"\\s*,\\s*").matcher(text);
        if (!member.find()) {
            throw new IllegalStateException("this dossier has no member " + name + " followed by another");
        }
        return new Dossier(mediaType, member.replaceFirst(""));
    }

    private Matcher member(String name) {
        Matcher member = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"[^\"]*\"").matcher(text);
        if (!member.find()) {
            throw new IllegalStateException("this dossier has no member " + name);
        }
        return member;
    }

    private void requireContains(String target) {
        if (!text.contains(target)) {
            throw new IllegalStateException("this dossier does not contain " + target);
        }
    }

    @Override
    public String toString() {
        return mediaType + " dossier of " + text.length() + " characters";
    }
}
