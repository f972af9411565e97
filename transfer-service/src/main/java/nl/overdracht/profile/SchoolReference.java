package nl.overdracht.profile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a dossier of a profile names a school: the school id is the values at {@code paths}
 * joined in order (OSO: {@code brincode} then {@code vestigingscode}; vl-baso: the envelope's
 * {@code sendingSchool}). Profile data, so that intake can hold the dossier to the token's school
 * without knowing any format.
 *
 * @param paths element paths (OSO) or JSON Pointers whose values make up the id; the first one is
 *     the path a problem names
 * @param required whether a dossier must name the school at all
 */
public record SchoolReference(List<String> paths, boolean required) {

    public SchoolReference {
        paths = List.copyOf(paths);
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("a school reference needs at least one path");
        }
        paths.forEach(path -> Objects.requireNonNull(path, "path"));
    }

    /**
     * The school id a dossier states: the values {@code valueAt} finds at the paths, stripped and
     * joined in order (a missing part is left out); empty when the dossier states none.
     */
    public Optional<String> idFrom(Function<String, String> valueAt) {
        StringBuilder id = new StringBuilder();
        for (String path : paths) {
            String value = valueAt.apply(path);
            if (value != null) {
                id.append(value.strip());
            }
        }
        return id.isEmpty() ? Optional.empty() : Optional.of(id.toString());
    }

    /** The path a problem about this reference names. */
    public String pointer() {
        return paths.get(0);
    }
}
