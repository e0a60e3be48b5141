package xhsnoterouter.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The simulator's share-link endpoint: xhslink.com links lead to notes derived from their code. */
class SimulatorShareLinksTest extends RunningSimulator {

    private static final String LINK = "http://xhslink.com/a/AbCdEf1234";

    @Test
    void shortLinkLeadsToTheDiscoveryLinkOfItsNoteInTheApisEnvelope() throws Exception {
        HttpResponse<String> response = client.resolve(LINK);
        JsonNode body = SimClient.json(response);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Simulator")).hasValue("xhs-note-router built-in simulator");
        assertThat(fieldNames(body)).containsExactlyInAnyOrder("code", "message", "data", "recordTime", "requestId");
        assertThat(body.get("code").asInt()).isZero();
        String id = Simulator.noteIdOfShortLink(LINK);
        assertThat(id).matches("[0-9a-f]{24}");
        String redirect = body.at("/data/redirect_url").asText();
        assertThat(redirect).startsWith("https://www.xiaohongshu.com/discovery/item/" + id + "?app_platform=ios&")
                .contains("&xsec_source=app_share&").contains("&xsec_token=").contains("&author_share=1");
        String type = SimClient.note(client.get(id)).get("type").asText();
        assertThat(redirect).contains("&type=" + type + "&");
    }

    @Test
    void sameCodeLeadsToTheSameNoteWhateverSchemeOrPathAndInAnySimulator() throws Exception {
        String id = Simulator.noteIdOfShortLink(LINK);
        try (Simulator other = Simulator.start(new SimulatorSettings(0, 0, "", 99))) {
            for (String link : List.of(LINK, "https://xhslink.com/o/AbCdEf1234", "HTTPS://XHSLINK.COM/m/AbCdEf1234/")) {
                assertThat(redirectOf(client.resolve(link))).as(link).contains("/discovery/item/" + id + "?");
            }
            assertThat(redirectOf(new SimClient(other).resolve(LINK))).isEqualTo(redirectOf(client.resolve(LINK)));
        }
    }

    @Test
    void differentCodesLeadToDifferentNotes() {
        Set<String> ids = new TreeSet<>();
        for (String code : List.of("AbCdEf1234", "abcdef1234", "AbCdEf1235", "x", "X", "0")) {
            ids.add(Simulator.noteIdOfShortLink("http://xhslink.com/a/" + code));
        }

        assertThat(ids).hasSize(6);
    }

    @Test
    void codeStartingWithGoneLeadsToThe404Page() throws Exception {
        JsonNode body = SimClient.json(client.resolve("http://xhslink.com/a/goneAbc"));

        assertThat(body.get("code").asInt()).isZero();
        assertThat(body.at("/data/redirect_url").asText()).isEqualTo("https://www.xiaohongshu.com/404?source=share");
    }

    @Test
    void notAShortLinkIsCode400() throws Exception {
        for (String shareUrl : List.of("", "https://www.xiaohongshu.com/explore/698ab064000000001503876d",
                "http://xhslink.com/abc", "http://xhslink.com/b/abc", "http://evil.example/a/abc", "not a link")) {
            HttpResponse<String> response = client.resolve(shareUrl);

            assertThat(response.statusCode()).as(shareUrl).isEqualTo(400);
            assertThat(SimClient.json(response).get("code").asInt()).as(shareUrl).isEqualTo(400);
        }
        HttpResponse<String> noParameter = client.getPath(ShareLinks.PATH + "?token=t");
        assertThat(SimClient.json(noParameter).get("code").asInt()).isEqualTo(400);
        assertThatThrownBy(() -> Simulator.noteIdOfShortLink("http://xhslink.com/abc"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void missingTokenIsCode100() throws Exception {
        HttpResponse<String> response = client.getPath(ShareLinks.PATH + "?shareUrl=" + LINK);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(SimClient.json(response).get("code").asInt()).isEqualTo(100);
    }

    @Test
    void resolutionsAreCountedPerLinkApartFromNoteRequests() throws Exception {
        String link = "https://xhslink.com/a/Count1";
        long before = simulator.requestCount();
        client.resolve(link);
        client.resolve("http://xhslink.com/o/Count1");

        assertThat(simulator.resolutionsFor(link)).isEqualTo(2);
        assertThat(simulator.attemptsFor(Simulator.noteIdOfShortLink(link))).isZero();
        assertThat(simulator.requestCount() - before).isEqualTo(2);
        assertThat(simulator.resolutionsFor("https://xhslink.com/a/NeverAsked")).isZero();
    }

    @Test
    void faultsAreInjectedOnShareLinksToo() throws Exception {
        try (Simulator faulty = Simulator.start(new SimulatorSettings(0, 0, "302:1", 5))) {
            HttpResponse<String> response = new SimClient(faulty).resolve(LINK);

            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(SimClient.json(response).get("code").asInt()).isEqualTo(302);
        }
    }

    private static String redirectOf(HttpResponse<String> response) throws Exception {
        return SimClient.json(response).at("/data/redirect_url").asText();
    }
}
