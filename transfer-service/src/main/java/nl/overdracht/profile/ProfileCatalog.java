package nl.overdracht.profile;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * Every live profile version, loaded once from the {@code schema} module through the context class
 * loader. Adding a version is adding its file and listing it in {@code profiles/index.json}.
 */
@ApplicationScoped
public class ProfileCatalog {

    private final List<Profile> profiles;

    /** Loads the index and all listed profile versions; fails if any is missing or inconsistent. */
    public ProfileCatalog() {
        this(new ProfileLoader(classLoader()).load());
    }

    ProfileCatalog(List<Profile> profiles) {
        this.profiles = List.copyOf(profiles);
    }

    public List<Profile> all() {
        return profiles;
    }

    public Optional<Profile> find(String id, String version) {
        return profiles.stream().filter(p -> p.id().equals(id) && p.version().equals(version)).findFirst();
    }

    /** Whether any version of a profile with this id is live. */
    public boolean knows(String id) {
        return profiles.stream().anyMatch(p -> p.id().equals(id));
    }

    /** The OSO profiles reading this dossier namespace. */
    public List<Profile> osoProfilesFor(String namespace) {
        return profiles.stream().filter(p -> p.oso().map(o -> o.namespace().equals(namespace)).orElse(false)).toList();
    }

    /** The largest body any profile accepts: the cap applied before the profile is known. */
    public long maxBodyBytes() {
        return profiles.stream().mapToLong(p -> p.limits().maxBodyBytes()).max().orElse(0);
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ProfileCatalog.class.getClassLoader();
    }
}
