package nl.overdracht.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A verified token is verified once; a refused one is refused every time; none is remembered past its exp. */
class VerifiedTokensTest {

    private static final String ISSUER = "https://tokens.test";
    private static final KeyPair ISSUER_KEYS = keys();
    private static final KeyPair OTHER_KEYS = keys();

    private final AtomicInteger parsed = new AtomicInteger();
    private final VerifiedTokens tokens = new VerifiedTokens();

    @BeforeEach
    void parser() {
        JWTAuthContextInfo context = new JWTAuthContextInfo(ISSUER_KEYS.getPublic(), ISSUER);
        tokens.parser = new DefaultJWTParser(context) {
            @Override
            public JsonWebToken parse(String token) throws ParseException {
                parsed.incrementAndGet();
                return super.parse(token);
            }
        };
    }

    @Test
    void a_verified_token_is_parsed_once_and_answers_the_same_claims_again() throws Exception {
        String token = token(ISSUER_KEYS.getPrivate(), "school-a", Instant.now().plusSeconds(600));

        JsonWebToken first = tokens.parse(token);
        JsonWebToken again = tokens.parse(token);

        assertThat(parsed).hasValue(1);
        assertThat(again.getSubject()).isEqualTo("school-a").isEqualTo(first.getSubject());
        assertThat(again.getRawToken()).isEqualTo(token);
    }

    @Test
    void another_token_is_verified_on_its_own() throws Exception {
        tokens.parse(token(ISSUER_KEYS.getPrivate(), "school-a", Instant.now().plusSeconds(600)));

        JsonWebToken other = tokens.parse(token(ISSUER_KEYS.getPrivate(), "school-b", Instant.now().plusSeconds(600)));

        assertThat(parsed).hasValue(2);
        assertThat(other.getSubject()).isEqualTo("school-b");
    }

    @Test
    void a_token_with_a_foreign_signature_is_refused_every_time() throws Exception {
        String forged = token(OTHER_KEYS.getPrivate(), "school-a", Instant.now().plusSeconds(600));

        assertThatThrownBy(() -> tokens.parse(forged)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.parse(forged)).isInstanceOf(ParseException.class);

        assertThat(parsed).hasValue(2);
    }

    @Test
    void a_token_past_its_exp_is_not_remembered_even_while_the_clock_skew_still_accepts_it() throws Exception {
        // SmallRye JWT accepts it for its clock skew (60 s by default) after exp
        String late = token(ISSUER_KEYS.getPrivate(), "school-a", Instant.now().minusSeconds(5));

        tokens.parse(late);
        tokens.parse(late);

        assertThat(parsed).hasValue(2);
    }

    @Test
    void a_remembered_token_goes_back_to_the_parser_once_its_exp_has_passed() throws Exception {
        Instant exp = Instant.now().plusSeconds(600);
        String token = token(ISSUER_KEYS.getPrivate(), "school-a", exp);
        tokens.parse(token);

        tokens.clock = Clock.fixed(exp.plusSeconds(120), ZoneOffset.UTC);

        // the parser's own clock is the real one: it accepts the token still, but it was asked
        tokens.parse(token);
        assertThat(parsed).hasValue(2);
    }

    private static String token(PrivateKey key, String subject, Instant exp) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        claims.setIssuedAt(NumericDate.fromSeconds(Instant.now().minusSeconds(700).getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(exp.getEpochSecond()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
