package xhsnoterouter.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

class ApiUrlsTest {

    private static final URI BASE = URI.create("https://api.justoneapi.com");
    private static final String NOTE = "64a1b2c3d4e5f60718293a4b";
    private static final String TOKEN = "tK9secretValue42";

    @Test
    void maskHidesTheTokenInAUrl() {
        ApiUrls urls = new ApiUrls(BASE, TOKEN);

        String masked = urls.mask("GET " + BASE + "/api/xiaohongshu/get-note-detail/v1?token=" + TOKEN + "&noteId=" + NOTE + " timed out");

        assertThat(masked).doesNotContain(TOKEN)
                .isEqualTo("GET https://api.justoneapi.com/api/xiaohongshu/get-note-detail/v1?token=***&noteId=" + NOTE
                        + " timed out");
    }

    @Test
    void maskHidesAnyTokenParameterWhateverItsValue() {
        ApiUrls urls = new ApiUrls(BASE, TOKEN);

        assertThat(urls.mask("https://other.example/x?token=someOtherValue&noteId=" + NOTE))
                .isEqualTo("https://other.example/x?token=***&noteId=" + NOTE);
        assertThat(urls.mask("retrying TOKEN=abc")).isEqualTo("retrying TOKEN=***");
    }

    @Test
    void maskHidesTheTokenValueAnywhereInText() {
        ApiUrls urls = new ApiUrls(BASE, TOKEN);

        assertThat(urls.mask("the API said: token " + TOKEN + " is not active"))
                .isEqualTo("the API said: token *** is not active");
        assertThat(urls.mask("{\"token\":\"" + TOKEN + "\"}")).doesNotContain(TOKEN);
    }

    @Test
    void maskHidesTheUrlEncodedToken() {
        String token = "ab&cd+ef=gh";
        ApiUrls urls = new ApiUrls(BASE, token);

        String masked = urls.mask("echo: ab%26cd%2Bef%3Dgh; raw: ab&cd+ef=gh");

        assertThat(masked).isEqualTo("echo: ***; raw: ***");
    }

    @Test
    void maskHidesAllOfARawTokenAfterTokenEquals() {
        ApiUrls urls = new ApiUrls(BASE, "ab&cd1234");

        assertThat(urls.mask("request token=ab&cd1234 refused")).doesNotContain("cd1234");
    }

    @Test
    void maskLeavesOtherTextIntact() {
        ApiUrls urls = new ApiUrls(BASE, TOKEN);
        String text = "note " + NOTE + " fetched in 120 ms from https://api.justoneapi.com/api/x?noteId=" + NOTE + " (50%)";

        assertThat(urls.mask(text)).isEqualTo(text);
        assertThat(urls.mask("")).isEmpty();
        assertThat(urls.mask(null)).isNull();
    }
}
