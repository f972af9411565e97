package nl.overdracht.security;

/** The roles a token may carry in its {@code groups} claim. */
public final class Roles {
    public static final String SENDING_SCHOOL = "sending-school";
    public static final String RECEIVING_SCHOOL = "receiving-school";
    public static final String OPERATOR = "operator";
    public static final String AUDITOR = "auditor";

    private Roles() {
    }
}
