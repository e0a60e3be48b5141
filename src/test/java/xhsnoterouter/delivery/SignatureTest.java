package xhsnoterouter.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SignatureTest {

    @Test
    void matchesTheRfc4231TestVector() {
        // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?".
        assertThat(Signature.of("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void differsForAnotherSecretOrAnotherByte() {
        byte[] body = "{\"event\":\"note.fetched\"}".getBytes(StandardCharsets.UTF_8);
        String signed = Signature.of("s3cret", body);
        assertThat(Signature.of("s3creT", body)).isNotEqualTo(signed);
        body[body.length - 2] = 'D';
        assertThat(Signature.of("s3cret", body)).isNotEqualTo(signed);
    }
}
