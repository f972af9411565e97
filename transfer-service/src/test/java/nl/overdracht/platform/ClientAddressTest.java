package nl.overdracht.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void an_ipv4_address_is_limited_by_itself_and_audited_by_its_24() {
        assertThat(ClientAddress.rateKey("203.0.113.77")).isEqualTo("203.0.113.77");
        assertThat(ClientAddress.network("203.0.113.77")).isEqualTo("203.0.113.0/24");
    }

    @Test
    void an_ipv6_address_is_limited_by_its_64_and_audited_by_its_48() {
        assertThat(ClientAddress.rateKey("2001:db8:1:2:3:4:5:6")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(ClientAddress.network("2001:db8:1:2:3:4:5:6")).isEqualTo("2001:db8:1:0:0:0:0:0/48");
    }

    @Test
    void anything_but_an_ip_literal_is_unknown_and_never_resolved() {
        assertThat(ClientAddress.network("example.org")).isEqualTo(ClientAddress.UNKNOWN);
        assertThat(ClientAddress.network("dead.beef")).isEqualTo(ClientAddress.UNKNOWN);
        assertThat(ClientAddress.rateKey(null)).isEqualTo(ClientAddress.UNKNOWN);
        assertThat(ClientAddress.network("fe80::1%eth0")).isEqualTo(ClientAddress.UNKNOWN);
    }
}
