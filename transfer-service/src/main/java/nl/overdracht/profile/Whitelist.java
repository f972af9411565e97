package nl.overdracht.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The allowed paths of a profile version, each in one section. XML paths are element paths
 * ({@code /dossier/huidigeschool/leerling/bsn}); JSON paths are JSON Pointers where {@code *}
 * stands for any array index ({@code /dossier/adjustments/remedial/*}).
 */
public final class Whitelist {

    private final Map<String, String> sectionByPath;
    private final Map<String, List<String>> rootsBySection;
    private final Map<String, Set<String>> sectionsBelow;
    private final Map<String, List<String>> pathsBySection;

    Whitelist(Map<String, List<String>> pathsBySection) {
        Map<String, String> byPath = new HashMap<>();
        pathsBySection.forEach((section, paths) -> paths.forEach(path -> {
            String previous = byPath.put(path, section);
            if (previous != null) {
                throw new IllegalArgumentException("Path " + path + " is in sections " + previous + " and " + section);
            }
        }));
        this.sectionByPath = Map.copyOf(byPath);
        Map<String, List<String>> listed = new LinkedHashMap<>();
        pathsBySection.forEach((section, list) -> listed.put(section, List.copyOf(list)));
        this.pathsBySection = Map.copyOf(listed);
        Map<String, List<String>> roots = new LinkedHashMap<>();
        pathsBySection.forEach((section, paths) -> {
            List<String> sectionRoots = new ArrayList<>();
            for (String path : paths) {
                if (!section.equals(byPath.get(parent(path)))) {
                    sectionRoots.add(path);
                }
            }
            roots.put(section, List.copyOf(sectionRoots));
        });
        this.rootsBySection = Map.copyOf(roots);
        Map<String, Set<String>> below = new HashMap<>();
        byPath.forEach((path, section) -> {
            for (String p = parent(path); !p.isEmpty(); p = parent(p)) {
                below.computeIfAbsent(p, k -> new HashSet<>()).add(section);
            }
        });
        below.replaceAll((k, v) -> Set.copyOf(v));
        this.sectionsBelow = Map.copyOf(below);
    }

    /** The section an allowed path belongs to; empty when the path is not whitelisted. */
    public Optional<String> sectionOf(String path) {
        return Optional.ofNullable(sectionByPath.get(path));
    }

    /** Whether the path is whitelisted. */
    public boolean allows(String path) {
        return sectionByPath.containsKey(path);
    }

    /** Every allowed path of a section, in the profile's order. */
    public List<String> pathsOf(String section) {
        return pathsBySection.getOrDefault(section, List.of());
    }

    /** The topmost paths of a section: those whose parent belongs to another section (or none). */
    public List<String> rootsOf(String section) {
        return rootsBySection.getOrDefault(section, List.of());
    }

    /** The sections of all whitelisted paths strictly below this one. */
    public Set<String> sectionsBelow(String path) {
        return sectionsBelow.getOrDefault(path, Set.of());
    }

    public int size() {
        return sectionByPath.size();
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "" : path.substring(0, slash);
    }
}
