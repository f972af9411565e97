package nl.overdracht.webhook;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import nl.overdracht.lifecycle.TransitionName;

/**
 * What a webhook tells a school, the transition it comes from, and which of the dossier's schools
 * hears of it. The receiving school hears what it can act on (release, package ready, its own
 * acknowledgement as a receipt); the sending school hears how its dossier fares (release,
 * objection, expiry, acknowledgement, an enrolment conflict). The wire names are a contract:
 * never rename one.
 */
public enum WebhookEventType {

    DOSSIER_RELEASED("dossier.released", TransitionName.RELEASE, EnumSet.of(Audience.SENDING, Audience.RECEIVING)),
    DOSSIER_DELIVERABLE("dossier.deliverable", TransitionName.PACKAGE, EnumSet.of(Audience.RECEIVING)),
    DOSSIER_ACKNOWLEDGED("dossier.acknowledged", TransitionName.ACKNOWLEDGE,
            EnumSet.of(Audience.SENDING, Audience.RECEIVING)),
    DOSSIER_OBJECTED("dossier.objected", TransitionName.OBJECT, EnumSet.of(Audience.SENDING)),
    DOSSIER_EXPIRED("dossier.expired", TransitionName.EXPIRE, EnumSet.of(Audience.SENDING)),
    /** Not a transition: an enrolment elsewhere did not match the dossier because it names another receiving school. */
    ENROLMENT_CONFLICT("enrolment.conflict", null, EnumSet.of(Audience.SENDING)),
    /**
     * Not a transition: a warm handover the dossier or the sending school asked for has not been
     * scheduled within {@code overdracht.handover.reminder-after} of the match; the receiving school hears of it once.
     */
    HANDOVER_REMINDER("handover.reminder", null, EnumSet.of(Audience.RECEIVING));

    /** Which of a dossier's schools. */
    public enum Audience {
        SENDING, RECEIVING
    }

    private final String wireName;
    private final TransitionName transition;
    private final Set<Audience> audiences;

    WebhookEventType(String wireName, TransitionName transition, Set<Audience> audiences) {
        this.wireName = wireName;
        this.transition = transition;
        this.audiences = Set.copyOf(audiences);
    }

    /** The {@code type} in the body: {@code dossier.deliverable}. */
    public String wireName() {
        return wireName;
    }

    public Set<Audience> audiences() {
        return audiences;
    }

    /** The event a transition becomes; empty for the transitions no school is pushed. */
    public static Optional<WebhookEventType> of(TransitionName transition) {
        return Arrays.stream(values()).filter(type -> type.transition == transition).findFirst();
    }
}
