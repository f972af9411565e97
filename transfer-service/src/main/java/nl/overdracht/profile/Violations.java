package nl.overdracht.profile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects violations up to a cap, without duplicates, so that a caller sees all of them at once. */
final class Violations {

    static final int DEFAULT_CAP = 100;

    private final int cap;
    private final Set<Violation> seen = new LinkedHashSet<>();

    Violations() {
        this(DEFAULT_CAP);
    }

    Violations(int cap) {
        this.cap = cap;
    }

    void add(String path, String code, String reason) {
        if (seen.size() < cap) {
            seen.add(new Violation(path, code, reason));
        }
    }

    boolean isEmpty() {
        return seen.isEmpty();
    }

    boolean full() {
        return seen.size() >= cap;
    }

    List<Violation> list() {
        return List.copyOf(new ArrayList<>(seen));
    }

    /** Throws {@link DossierRejectedException} when anything was collected. */
    void throwIfAny() {
        if (!seen.isEmpty()) {
            throw new DossierRejectedException(list());
        }
    }
}
