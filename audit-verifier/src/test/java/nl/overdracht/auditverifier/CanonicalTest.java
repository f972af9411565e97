package nl.overdracht.auditverifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The same golden vectors as the service's AuditCanonicalTest: both encoders must agree byte for byte. */
class CanonicalTest {

    static final HexFormat HEX = HexFormat.of();

    static final String ENTRY_42 = "01000000000000002a00064bf5b29f5e4000000011444f53534945525f5355424d49545445440000000b"
            + "75736572403030595930300000000e73656e64696e672d7363686f6f6c00000006303059593030ffffffff000000243366"
            + "3163326534612d386237642d346532312d396333352d3061316232633364346535660000000861636365707465640000"
            + "0020000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    static final String LEAF_42 = "b300feb430982a480d8b1fef8e9c01ba50dd9398c5540f5796475f6a486691e0";
    static final String CHAIN_42 = "a108f662ac3517e8f8472da4aa64fd659ad1119afc2d0d05951209da488d7073";
    static final String ENTRY_1 = "01000000000000000100000000000000000000000e4143434553535f524546555345440000000570757267"
            + "650000000673797374656dffffffffffffffffffffffff00000008687474702d343033ffffffff";
    static final String LEAF_1 = "5ddfd40b3abb53afef2003a0e0c166e5fbf9b59456386ca0bbfbaf3f2e9b3405";
    static final String CHAIN_1 = "29045af6548d902170b86390c6bcb9b3f31c475ed6c349c88db14d0d30d623ab";
    static final String CHECKPOINT_42 = "6f7665726472616368742d61756469742d636865636b706f696e7401000000000000002a"
            + "a108f662ac3517e8f8472da4aa64fd659ad1119afc2d0d05951209da488d707300064bf5b2da8501";

    @Test
    void a_full_entry_encodes_to_the_golden_bytes_leaf_and_chain() {
        byte[] sha = new byte[32];
        for (int i = 0; i < sha.length; i++) {
            sha[i] = (byte) i;
        }
        byte[] entry = Canonical.entryBytes(new Canonical.Entry(42, Instant.parse("2026-03-01T12:34:56.123456Z"),
                "DOSSIER_SUBMITTED", "user@00YY00", "sending-school", "00YY00", null,
                "3f1c2e4a-8b7d-4e21-9c35-0a1b2c3d4e5f", "accepted", sha));
        byte[] previous = new byte[32];
        Arrays.fill(previous, (byte) 0xaa);

        assertThat(HEX.formatHex(entry)).isEqualTo(ENTRY_42);
        assertThat(HEX.formatHex(Canonical.leaf(entry))).isEqualTo(LEAF_42);
        assertThat(HEX.formatHex(Canonical.chain(previous, Canonical.leaf(entry)))).isEqualTo(CHAIN_42);
    }

    @Test
    void the_first_entry_with_nulls_chains_from_32_zero_bytes() {
        byte[] entry = Canonical.entryBytes(new Canonical.Entry(1, Instant.EPOCH, "ACCESS_REFUSED", "purge",
                "system", null, null, null, "http-403", null));

        assertThat(HEX.formatHex(entry)).isEqualTo(ENTRY_1);
        assertThat(HEX.formatHex(Canonical.leaf(entry))).isEqualTo(LEAF_1);
        assertThat(HEX.formatHex(Canonical.chain(new byte[32], Canonical.leaf(entry)))).isEqualTo(CHAIN_1);
    }

    @Test
    void a_checkpoint_encodes_to_the_golden_bytes() {
        byte[] bytes = Canonical.checkpointBytes(42, HEX.parseHex(CHAIN_42),
                Instant.parse("2026-03-01T12:35:00.000001Z"));

        assertThat(HEX.formatHex(bytes)).isEqualTo(CHECKPOINT_42);
    }
}
