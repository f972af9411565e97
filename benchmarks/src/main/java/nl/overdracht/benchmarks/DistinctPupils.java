package nl.overdracht.benchmarks;

import java.nio.charset.StandardCharsets;
import nl.overdracht.profile.SampleDossiers;

/**
 * One OSO dossier, each time about another pupil: only its BSN changes (nine digits for nine), so
 * every copy has the size of the first. A cohort is made of different pupils; the same pupil sent
 * over and over would measure that pupil's lock, which every submission of the pupil takes in turn.
 */
final class DistinctPupils {

    private static final String PUPIL = "<bsn>" + SampleDossiers.FICTIONAL_BSN + "</bsn>";

    private final String dossier;
    private int prefix;

    /** @param firstPrefix the eight digits the first BSN is built from; runs that share a service use apart ranges */
    DistinctPupils(byte[] dossier, int firstPrefix) {
        this.dossier = new String(dossier, StandardCharsets.UTF_8);
        if (!this.dossier.contains(PUPIL)) {
            throw new IllegalArgumentException("the dossier names no pupil by the sample BSN");
        }
        this.prefix = firstPrefix;
    }

    /** The dossier about the next pupil. */
    synchronized byte[] next() {
        String bsn = BenchmarkSupport.bsns(prefix, 1).get(0);
        prefix = Integer.parseInt(bsn.substring(0, 8)) + 1;
        return dossier.replace(PUPIL, "<bsn>" + bsn + "</bsn>").getBytes(StandardCharsets.UTF_8);
    }
}
