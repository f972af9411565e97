package nl.overdracht.profile;

import java.util.Arrays;
import java.util.Optional;

/**
 * The coarse level of a primary school's advice for secondary school, the only trace of the advice
 * kept outside the sealed dossier, and only for school-career feedback. An OSO dossier's advice is a
 * code of DUO's list "Advies VO" ({@code overstapadvies/advies}, or {@code herzienadvies} where the
 * advice was revised); its first digit gives the level, a combined advice (such as vmbo-b/k) the
 * lower of the two. A dossier without an advice, and every vl-baso dossier (the baso-fiche carries
 * no track advice), is {@link #NONE}.
 */
public enum AdviceLevel {
    PRAKTIJKONDERWIJS("praktijkonderwijs"), VMBO_B("vmbo-b"), VMBO_K("vmbo-k"), VMBO_GT("vmbo-gt"), HAVO("havo"),
    VWO("vwo"), OTHER("other"), NONE("none");

    private final String wireName;

    AdviceLevel(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the API and the database: {@code vmbo-gt}. */
    public String wireName() {
        return wireName;
    }

    public static Optional<AdviceLevel> ofWireName(String name) {
        return Arrays.stream(values()).filter(level -> level.wireName.equals(name)).findFirst();
    }

    /** The level of a DUO "Advies VO" code; {@link #OTHER} for a code outside the levels, {@link #NONE} for none. */
    public static AdviceLevel ofDuoCode(String code) {
        if (code == null || code.isBlank()) {
            return NONE;
        }
        return switch (code.strip().charAt(0)) {
            case '1' -> PRAKTIJKONDERWIJS;
            case '2' -> VMBO_B;
            case '3' -> VMBO_K;
            case '4' -> VMBO_GT;
            case '5' -> HAVO;
            case '6' -> VWO;
            default -> OTHER;
        };
    }
}
