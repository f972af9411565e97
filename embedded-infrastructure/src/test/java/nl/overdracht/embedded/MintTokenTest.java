package nl.overdracht.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line of the token tool: a school, a region, or for a national auditor neither. */
class MintTokenTest {

    @Test
    void a_national_auditor_token_may_name_no_region() {
        MintToken.Request request = MintToken.options(new String[] {"--role", "national-auditor"}).request();

        assertNull(request.school());
        assertNull(request.region());
        assertEquals(List.of("national-auditor"), request.roles());
        String claims = MintToken.claims(request);
        assertTrue(claims.contains("\"groups\":[\"national-auditor\"]"), claims);
        assertTrue(!claims.contains(MintToken.REGION_CLAIM) && !claims.contains(MintToken.SCHOOL_CLAIM), claims);
    }

    @Test
    void a_national_auditor_token_may_name_a_region() {
        MintToken.Request request = MintToken.options(new String[] {"--region", "noord", "--role",
                "national-auditor"}).request();

        assertEquals("noord", request.region());
        assertTrue(MintToken.claims(request).contains("\"region_id\":\"noord\""));
    }

    @Test
    void any_other_role_without_a_school_or_region_is_refused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> MintToken.options(new String[] {"--role", "auditor"}));

        assertTrue(refused.getMessage().contains("national-auditor"), refused.getMessage());
    }

    @Test
    void a_school_and_a_region_together_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> MintToken.options(new String[] {"--school", "00YY00",
                "--region", "noord", "--role", "sending-school"}));
    }

    @Test
    void an_option_without_its_value_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> MintToken.options(new String[] {"--role"}));
    }
}
