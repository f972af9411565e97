package nl.overdracht.security;

/** The roles a token may carry in its {@code groups} claim. */
public final class Roles {
    public static final String SENDING_SCHOOL = "sending-school";
    public static final String RECEIVING_SCHOOL = "receiving-school";
    public static final String OPERATOR = "operator";
    /** Reads the audit entries in which a school of the token's region takes part; needs {@code region_id}. */
    public static final String AUDITOR = "auditor";
    /** Reads every audit entry and the export of the whole chain; a region, if the token names one, is ignored. */
    public static final String NATIONAL_AUDITOR = "national-auditor";

    private Roles() {
    }
}
