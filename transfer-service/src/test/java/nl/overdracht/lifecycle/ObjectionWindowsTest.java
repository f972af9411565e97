package nl.overdracht.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import nl.overdracht.profile.Profile;
import nl.overdracht.profile.ProfileCatalog;
import org.junit.jupiter.api.Test;

class ObjectionWindowsTest {

    private static final Profile OSO = new ProfileCatalog().find("oso-gegevensset", "2019.1").orElseThrow();

    @Test
    void without_an_override_the_window_is_the_profiles() {
        assertThat(new ObjectionWindows(Optional.empty()).of(OSO)).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void an_override_replaces_every_profiles_window() {
        assertThat(new ObjectionWindows(Optional.of(Duration.ZERO)).of(OSO)).isEqualTo(Duration.ZERO);
    }

    @Test
    void a_negative_override_is_refused_at_start() {
        assertThatThrownBy(() -> new ObjectionWindows(Optional.of(Duration.ofSeconds(-1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overdracht.lifecycle.objection-window-override");
    }
}
