package nl.overdracht.platform;

/**
 * Why a validly signed token was refused: a claim not of its documented form. It travels as the
 * cause of the security layer's {@code AuthenticationFailedException} and becomes 401
 * {@code unauthenticated} naming the claim. The detail names the claim and the form it must have,
 * never its value.
 */
public final class InvalidClaimException extends RuntimeException {

    private final String claim;

    public InvalidClaimException(String claim, String detail) {
        // an expected refusal, perhaps thousands a second in a flood: no stack trace to record
        super(detail, null, false, false);
        this.claim = claim;
    }

    /** The claim at fault, such as {@code school_id}. */
    public String claim() {
        return claim;
    }
}
