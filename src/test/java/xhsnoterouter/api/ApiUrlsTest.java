package xhsnoterouter.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ApiUrlsTest {

    private static final URI BASE = URI.create("https://api.justoneapi.com");
    private static final String NOTE = "64a1b2c3d4e5f60718293a4b";
    private static final String TOKEN = "tK9secretValue42";

    private static Map<String, String> queryOf(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }

    @Test
    void noteDetailUrlCallsTheV1EndpointWithTokenAndNoteId() {
        URI uri = new ApiUrls(BASE, TOKEN).noteDetail(NOTE);

        assertThat(uri.getScheme()).isEqualTo("https");
        assertThat(uri.getHost()).isEqualTo("api.justoneapi.com");
        assertThat(uri.getPath()).isEqualTo("/api/xiaohongshu/get-note-detail/v1");
        assertThat(queryOf(uri)).containsExactly(Map.entry("token", TOKEN), Map.entry("noteId", NOTE));
    }

    @Test
    void noteDetailUrlKeepsTheBaseUrlsHostAndPort() {
        URI uri = new ApiUrls(URI.create("http://127.0.0.1:18080"), TOKEN).noteDetail(NOTE);

        assertThat(uri.getScheme()).isEqualTo("http");
        assertThat(uri.getHost()).isEqualTo("127.0.0.1");
        assertThat(uri.getPort()).isEqualTo(18080);
        assertThat(uri.getPath()).isEqualTo(ApiUrls.NOTE_DETAIL_PATH);
    }

    @Test
    void shareUrlTransferUrlCallsTheV1EndpointWithTheShortLinkEncoded() {
        String link = "http://xhslink.com/a/AbCdEf1234?x=1&y=2";

        URI uri = new ApiUrls(BASE, TOKEN).shareUrlTransfer(link);

        assertThat(uri.getPath()).isEqualTo("/api/xiaohongshu/share-url-transfer/v1").isEqualTo(ApiUrls.SHARE_URL_TRANSFER_PATH);
        assertThat(uri.getRawQuery()).endsWith("&shareUrl=http%3A%2F%2Fxhslink.com%2Fa%2FAbCdEf1234%3Fx%3D1%26y%3D2");
        assertThat(queryOf(uri)).containsExactly(Map.entry("token", TOKEN), Map.entry("shareUrl", link));
        assertThat(new ApiUrls(BASE, TOKEN).mask(uri.toString())).doesNotContain(TOKEN).contains("token=***&shareUrl=");
    }

    @Test
    void tokenWithSpecialCharactersIsUrlEncoded() {
        String token = "a&b+c=d/e f";

        URI uri = new ApiUrls(BASE, token).noteDetail(NOTE);

        assertThat(uri.getRawQuery()).startsWith("token=a%26b%2Bc%3Dd%2Fe").doesNotContain("a&b");
        assertThat(queryOf(uri)).containsExactly(Map.entry("token", token), Map.entry("noteId", NOTE));
    }

    @Test
    void noTokenGivesAnEmptyTokenParameter() {
        URI uri = new ApiUrls(BASE, null).noteDetail(NOTE);

        assertThat(queryOf(uri)).containsEntry("token", "").containsEntry("noteId", NOTE);
    }

    @Test
    void maskHidesTheTokenInAUrl() {
        ApiUrls urls = new ApiUrls(BASE, TOKEN);

        String masked = urls.mask("GET " + urls.noteDetail(NOTE) + " timed out");

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
