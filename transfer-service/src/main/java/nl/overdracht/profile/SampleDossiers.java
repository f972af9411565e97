package nl.overdracht.profile;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fictional dossiers for tests, demos and benchmarks. Every person, school and number in them is
 * made up; the identifiers pass their check-digit tests but belong to no one known.
 */
public final class SampleDossiers {

    /** A fictional BSN that passes the eleven-test. */
    public static final String FICTIONAL_BSN = "123456782";
    /** A fictional rijksregisternummer (born 1 March 2015) that passes the mod-97 test. */
    public static final String FICTIONAL_RIJKSREGISTERNUMMER = "15030112318";
    public static final String OSO_NAMESPACE = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier";
    /** The school the OSO samples come from: BRIN {@code 99ZZ}, vestiging {@code 00}. */
    public static final String OSO_SENDER = "99ZZ00";
    /** The school the vl-baso samples come from, and the one they go to. */
    public static final String BASO_SENDER = "012345";
    public static final String BASO_RECEIVER = "099999";

    private static final Pattern OSO_SCHOOL = Pattern.compile(
            "(<huidigeschool>.*?<brincode>)[^<]*(</brincode>\\s*<vestigingscode>)[^<]*(</vestigingscode>)", Pattern.DOTALL);
    private static final Pattern JSON_SENDER = Pattern.compile("\"sendingSchool\"\\s*:\\s*\"[^\"]*\"");

    private SampleDossiers() {
    }

    /**
     * The same dossier as sent by {@code school}: an OSO dossier's {@code huidigeschool} gets the
     * school's first four characters as {@code brincode} and the rest as {@code vestigingscode}; a
     * JSON dossier's {@code sendingSchool} becomes the school.
     */
    public static String sentBy(String dossier, String school) {
        Matcher oso = OSO_SCHOOL.matcher(dossier);
        if (oso.find()) {
            String brin = school.substring(0, Math.min(4, school.length()));
            String vestiging = school.substring(brin.length());
            return oso.replaceFirst(Matcher.quoteReplacement(oso.group(1) + brin + oso.group(2) + vestiging + oso.group(3)));
        }
        return JSON_SENDER.matcher(dossier).replaceFirst(Matcher.quoteReplacement("\"sendingSchool\": \"" + school + "\""));
    }

    /** A small valid OSO 2019.1 dossier of the transfer kind POVO, POPO or VOVO. */
    public static String oso(String transferKind) {
        return osoWith(transferKind, "");
    }

    /**
     * A valid POVO dossier of about {@code bytes} bytes (never less than the small one), padded
     * with attachments in the {@code overigdocumentlijst}: e.g. 20_000 or 175_000 for the sizes of
     * the standard's opt-out and full examples.
     */
    public static byte[] osoOfSize(int bytes) {
        int base = oso("POVO").getBytes(StandardCharsets.UTF_8).length;
        StringBuilder documents = new StringBuilder();
        Random random = new Random(bytes);
        int remaining = bytes - base - 64;
        int number = 0;
        while (remaining > 200) {
            int raw = Math.min(16_384, (remaining - 160) * 3 / 4);
            byte[] content = new byte[Math.max(raw, 3)];
            random.nextBytes(content);
            String block = "        <document>\n          <bestandsnaam>bijlage-" + (++number)
                    + ".pdf</bestandsnaam>\n          <omschrijving>Fictieve bijlage</omschrijving>\n          <bestandsinhoud>"
                    + Base64.getEncoder().encodeToString(content) + "</bestandsinhoud>\n        </document>\n";
            documents.append(block);
            remaining -= block.length();
        }
        String list = documents.length() == 0 ? ""
                : "      <overigdocumentlijst>\n" + documents + "      </overigdocumentlijst>\n";
        return osoWith("POVO", list).getBytes(StandardCharsets.UTF_8);
    }

    private static String osoWith(String kind, String documents) {
        String vve = kind.equals("POPO") ? "OPTIONEEL" : "VERBODEN";
        String vombo = kind.equals("VOVO") ? "OPTIONEEL" : "VERBODEN";
        String inzage = kind.equals("VOVO")
                ? "    <voorlopigdossier>false</voorlopigdossier>\n    <toestemming>Ja</toestemming>\n"
                : "    <voorlopigdossier>false</voorlopigdossier>\n    <inzage>true</inzage>\n"
                        + "    <inzagedatum>2024-03-12</inzagedatum>\n    <akkoord>Ja</akkoord>\n";
        String advice = kind.equals("POVO")
                ? "      <overstapadvies>\n        <advies>40</advies>\n        <argumentatie>Fictieve argumentatie.</argumentatie>\n"
                        + "      </overstapadvies>\n"
                : "";
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <dossier xmlns="%s">
                  <metadata>
                    <deeldossier>LASLVS</deeldossier>
                    <pakketnaam>Voorbeeldpakket</pakketnaam>
                    <pakketversie>1</pakketversie>
                    <datum>2024-03-15</datum>
                    <standaardversie>2019.1</standaardversie>
                    <validatieversie>2019.1.1</validatieversie>
                    <categorie_uitlevering>
                      <cat_metadata>VERPLICHT</cat_metadata>
                      <cat_ouderinzage>VERPLICHT</cat_ouderinzage>
                      <cat_school>VERPLICHT</cat_school>
                      <cat_leerling>VERPLICHT</cat_leerling>
                      <cat_oudersverzorgers>VERPLICHT</cat_oudersverzorgers>
                      <cat_vve>%s</cat_vve>
                      <cat_schoolloopbaan>VERPLICHT</cat_schoolloopbaan>
                      <cat_overstapadvies>VERPLICHT</cat_overstapadvies>
                      <cat_onderwijsondersteuning>OPTIONEEL</cat_onderwijsondersteuning>
                      <cat_verzuim>OPTIONEEL</cat_verzuim>
                      <cat_eindtoetsbo>OPTIONEEL</cat_eindtoetsbo>
                      <cat_toetsresultaten>OPTIONEEL</cat_toetsresultaten>
                      <cat_handelingsplannen>OPTIONEEL</cat_handelingsplannen>
                      <cat_cijferlijsten>OPTIONEEL</cat_cijferlijsten>
                      <cat_vombo>%s</cat_vombo>
                      <cat_bijlagedocs>OPTIONEEL</cat_bijlagedocs>
                    </categorie_uitlevering>
                    <overstap>%s</overstap>
                  </metadata>
                  <overdrachtsoort>overstapdossier</overdrachtsoort>
                  <inzage>
                %s  </inzage>
                  <huidigeschool>
                    <naam>Fictieve Basisschool De Linde</naam>
                    <brincode>99ZZ</brincode>
                    <vestigingscode>00</vestigingscode>
                    <aanleverpunt>1</aanleverpunt>
                    <leerling>
                      <voornaam>Sanne</voornaam>
                      <achternaam>Voorbeeld</achternaam>
                      <roepnaam>Sanne</roepnaam>
                      <geboortedatum>2013-05-04</geboortedatum>
                      <geslacht>1</geslacht>
                      <bsn>%s</bsn>
                %s      <schoolloopbaanlijst>
                        <schoolloopbaan>
                          <schooljaar>2023-2024</schooljaar>
                          <groepscode>8a</groepscode>
                          <jaargroep>8</jaargroep>
                          <brincode>99ZZ</brincode>
                          <vestigingscode>00</vestigingscode>
                        </schoolloopbaan>
                      </schoolloopbaanlijst>
                      <onderwijsondersteuning>
                        <toelichting_onderwijsbehoeften>
                          <document>
                            <bestandsnaam>onderwijsbehoeften.txt</bestandsnaam>
                            <bestandsinhoud>RmljdGlldmUgdG9lbGljaHRpbmcu</bestandsinhoud>
                          </document>
                        </toelichting_onderwijsbehoeften>
                        <handelingsplan>
                          <startdatum>2023-09-01</startdatum>
                          <isgerichtop>Fictief leesplan</isgerichtop>
                        </handelingsplan>
                      </onderwijsondersteuning>
                %s      <verzorger>
                        <achternaam>Voorbeeld</achternaam>
                        <wettigevertegenwoordiger>true</wettigevertegenwoordiger>
                      </verzorger>
                    </leerling>
                  </huidigeschool>
                </dossier>
                """.formatted(OSO_NAMESPACE, vve, vombo, kind, inzage, FICTIONAL_BSN, advice, documents);
    }

    /** A valid vl-baso dossier of schema version "1" or "2" (version 2 adds structured language support). */
    public static String baso(String version) {
        String language = version.equals("1")
                ? "\"languageSupport\": {\"notes\": \"Fictieve notitie over taalondersteuning.\"}"
                : "\"languageSupport\": {\"notes\": \"Fictieve notitie.\", \"homeLanguages\": [\"Nederlands\", \"Pools\"],"
                        + " \"instructionLanguage\": {\"level\": \"A2\", \"measures\": [\"voorleessoftware\"]}}";
        return """
                {
                  "profile": "vl-baso",
                  "schemaVersion": "%s",
                  "receivingSchool": "099999",
                  "sendingSchool": "012345",
                  "dossier": {
                    "pupil": {"givenNames": ["Lotte"], "familyName": "Voorbeeld", "birthDate": "2015-03-01",
                              "rijksregisternummer": "%s"},
                    "specificNeeds": {"description": "Fictieve onderwijsbehoefte.", "needs": ["structuur"],
                                      "verslagType": "gemotiveerd-verslag"},
                    "adjustments": {"remedial": ["extra leesoefening"], "differentiating": ["verkorte opdrachten"],
                                    "compensating": ["rekenmachine"], "dispensing": ["geen dictee"]},
                    "externalSupport": [{"provider": "Fictieve logopedist", "description": "wekelijks", "period": "2023-2024"}],
                    "strengthsAndInterests": {"strengths": ["creatief"], "interests": ["tekenen"]},
                    %s,
                    "pupilPart": {"text": "Ik leer graag met tekeningen."},
                    "parentsPart": {"text": "Fictieve inbreng van de ouders."},
                    "boardingSchool": {"notes": "Niet van toepassing."},
                    "verslag": {"kind": "gemotiveerd-verslag", "issuedOn": "2024-02-01", "fileName": "verslag.pdf",
                                "mediaType": "application/pdf", "content": "RmljdGllZiB2ZXJzbGFnLg=="}
                  }
                }
                """.formatted(version, FICTIONAL_RIJKSREGISTERNUMMER, language);
    }
}
