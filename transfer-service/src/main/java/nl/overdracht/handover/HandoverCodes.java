package nl.overdracht.handover;

import java.util.List;

/** The fixed lists a warm handover is recorded with: who asked, who takes part (roles, never names), why it was declined. */
public final class HandoverCodes {

    /** The dossier itself asked (OSO {@code contactnodig}, vl-baso {@code contactRequested}). */
    public static final String BY_DOSSIER = "dossier";
    /** The sending school asked through the API. */
    public static final String BY_SENDING_SCHOOL = "sending-school";

    /** Who may take part in the conversation: roles, never names. */
    public static final List<String> PARTICIPANT_ROLES = List.of("mentor", "intern-begeleider", "zorgcoordinator",
            "teacher", "parent", "pupil");

    /** {@link #PARTICIPANT_ROLES} as the request's validation pattern (an annotation needs a constant). */
    public static final String PARTICIPANT_ROLE_PATTERN = "mentor|intern-begeleider|zorgcoordinator|teacher|parent|pupil";

    /** {@link #DECLINE_REASONS} as the request's validation pattern. */
    public static final String DECLINE_REASON_PATTERN =
            "not-needed|dossier-sufficient|parents-declined|pupil-not-starting|no-capacity";

    /** Why a receiving school declines a conversation. */
    public static final List<String> DECLINE_REASONS = List.of("not-needed", "dossier-sufficient",
            "parents-declined", "pupil-not-starting", "no-capacity");

    private HandoverCodes() {
    }
}
