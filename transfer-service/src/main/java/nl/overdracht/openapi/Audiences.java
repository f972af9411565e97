package nl.overdracht.openapi;

/** The tags of the API's operations: who calls them. */
public final class Audiences {
    public static final String SENDING_SCHOOL = "sending-school";
    public static final String RECEIVING_SCHOOL = "receiving-school";
    public static final String OPERATOR = "operator";
    public static final String AUDITOR = "auditor";
    public static final String PROFILES = "profiles";
    public static final String ME = "me";
    public static final String SIGNING = "signing";

    /** The problem details media type, for the annotations that name it. */
    public static final String PROBLEM_JSON = "application/problem+json";

    private Audiences() {
    }
}
