package nl.overdracht.platform;

import java.time.Duration;

/**
 * The problems several APIs answer, each in one wording: a thing the caller may not see, or that
 * does not exist, is the same 404 either way, so that an answer never tells whether another
 * school's or region's dossier, delivery or school exists. The detail names no id: the problem's
 * {@code instance} already holds the path that was asked for.
 */
public final class Problems {

    private Problems() {
    }

    /** 404: no dossier of the caller's school by that id. */
    public static ApiException noSuchDossier() {
        return new ApiException(ProblemType.NOT_FOUND, "No such dossier of this school.");
    }

    /** 404: no delivery to the caller's school by that id. */
    public static ApiException noSuchDelivery() {
        return new ApiException(ProblemType.NOT_FOUND, "No such delivery for this school.");
    }

    /** 404: no school by that id in the operator's region (a malformed id names no school either). */
    public static ApiException noSuchSchool() {
        return new ApiException(ProblemType.NOT_FOUND, "No such school in this operator's region.");
    }

    /** 404: no certificate by that id of the school. */
    public static ApiException noSuchCertificate() {
        return new ApiException(ProblemType.NOT_FOUND, "No such certificate of this school.");
    }

    /** 404: no objection by that id on the dossier that is still open (not whole, not withdrawn). */
    public static ApiException noSuchOpenObjection() {
        return new ApiException(ProblemType.NOT_FOUND, "No such open objection on this dossier.");
    }

    /** 429: a rate limit refused the request; it may be tried again after {@code retryAfter}. */
    public static RateLimitedException tooManyRequests(Duration retryAfter) {
        long seconds = Math.max(1, retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0));
        return new RateLimitedException("Too many requests from this client or caller; try again in " + seconds
                + " s.", Duration.ofSeconds(seconds));
    }
}
