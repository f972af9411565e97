package nl.overdracht.registry;

/** Whether a school takes part: a suspended school neither sends nor receives. */
public enum SchoolStatus {
    ACTIVE, SUSPENDED
}
