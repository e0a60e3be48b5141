package xhsnoterouter.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import xhsnoterouter.Json;
import xhsnoterouter.support.ScriptedApi;

class SimulatorResponsesTest extends RunningSimulator {

    private static final Path REFERENCE = ScriptedApi.REFERENCE;
    private static final String ID = "698ab064000000001503876d";
    private static final String OTHER_ID = "65a1b2c3d4e5f60718293a4b";

    @Test
    void successHasTheRealResponseShapeAndTheRequestedId() throws Exception {
        HttpResponse<String> response = client.get(ID);
        JsonNode reference = Json.MAPPER.readTree(REFERENCE.toFile());
        JsonNode body = SimClient.json(response);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(response.headers().firstValue("X-Simulator")).hasValue("xhs-note-router built-in simulator");
        assertThat(fieldNames(body)).containsExactlyInAnyOrder("code", "message", "data", "recordTime", "requestId");
        assertThat(body.get("code").asInt()).isZero();
        assertThat(fieldNames(body.at("/data/0"))).isEqualTo(fieldNames(reference.at("/data/0")));
        JsonNode note = body.at("/data/0/note_list/0");
        Set<String> expected = fieldNames(reference.at("/data/0/note_list/0"));
        if (!NoteContent.media(ID).audio()) {
            expected.remove("native_voice_info"); // a note without sound has none
        }
        assertThat(fieldNames(note)).isEqualTo(expected);
        assertThat(note.get("id").asText()).isEqualTo(ID);
        assertThat(fieldNames(note.get("user"))).isEqualTo(fieldNames(reference.at("/data/0/note_list/0/user")));
        assertThat(body.at("/data/0/user")).isEqualTo(note.get("user"));
        assertThat(response.body()).doesNotContain("\n");
    }

    @Test
    void noteFieldsHaveTheDocumentedTypesAndRanges() throws Exception {
        for (String id : List.of(ID, OTHER_ID, "0123456789abcdef01234567", "ffffffffffffffffffffffff")) {
            JsonNode note = SimClient.note(client.get(id));

            assertThat(note.get("type").asText()).isIn("normal", "video");
            assertThat(note.get("time").asLong()).isBetween(1_704_067_200L, 1_798_761_599L);
            for (String count : List.of("liked_count", "collected_count", "comments_count", "shared_count")) {
                assertThat(note.get(count).isInt()).as(count).isTrue();
                assertThat(note.get(count).asInt()).as(count).isNotNegative();
            }
            assertThat(note.get("images_list").size()).isBetween(1, 4);
            for (JsonNode image : note.get("images_list")) {
                // served by the simulator itself (SimulatorMediaTest), no longer the vendor's CDN
                assertThat(image.get("original").asText()).startsWith(simulator.baseUrl() + "/media/" + id + "/image-");
                assertThat(image.get("url").asText()).isEqualTo(image.get("original").asText());
                assertThat(image.get("width").asInt()).isPositive();
                assertThat(image.get("height").asInt()).isPositive();
            }
            for (JsonNode tag : note.get("hash_tag")) {
                assertThat(note.get("desc").asText()).contains("#" + tag.get("name").asText() + "[话题]#");
            }
            assertThat(note.at("/function_switch/0/type").asText()).isEqualTo("video_download");
            assertThat(note.at("/function_switch/0/enable").isBoolean()).isTrue();
            assertThat(note.at("/user/userid").asText()).matches("[0-9a-f]{24}");
        }
    }

    @Test
    void firstAnswerForAnIdIsTheSameInAnySimulatorWithAnySeed() throws Exception {
        try (Simulator one = Simulator.start(SimulatorSettings.defaults());
             Simulator other = Simulator.start(new SimulatorSettings(0, 0, "", 7))) {
            // Media links carry each simulator's port and the moment of the answer; the rest is the same.
            JsonNode first = SimClient.unsigned(SimClient.note(new SimClient(one).get(ID)));
            JsonNode elsewhere = SimClient.unsigned(SimClient.note(new SimClient(other).get(ID)));

            assertThat(elsewhere).isEqualTo(first);
        }
    }

    @Test
    void engagementGrowsWithEachLaterAnswerAndNothingElseChanges() throws Exception {
        String id = "5e1f0a2b3c4d5e6f70819203";
        List<JsonNode> fetches = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            fetches.add(SimClient.note(client.get(id)));
        }

        for (int i = 1; i < 3; i++) {
            JsonNode before = fetches.get(i - 1);
            JsonNode after = fetches.get(i);
            assertThat(after.get("liked_count").asInt()).as("likes, fetch %d", i + 1)
                    .isGreaterThan(before.get("liked_count").asInt());
            for (String count : List.of("collected_count", "comments_count", "shared_count")) {
                assertThat(after.get(count).asInt()).as("%s, fetch %d", count, i + 1)
                        .isGreaterThanOrEqualTo(before.get(count).asInt());
            }
            assertThat(withoutCounts(after)).isEqualTo(withoutCounts(before));
        }
        // Steady growth: each later answer adds the same step.
        int firstStep = fetches.get(1).get("liked_count").asInt() - fetches.get(0).get("liked_count").asInt();
        assertThat(fetches.get(2).get("liked_count").asInt() - fetches.get(1).get("liked_count").asInt()).isEqualTo(firstStep);
    }

    @Test
    void onlySuccessfulAnswersMakeEngagementGrow() throws Exception {
        String id = "5e1f0a2b3c4d5e6f70819204";
        try (Simulator flaky = Simulator.start(new SimulatorSettings(0, 0, "301:0.5", 11));
             Simulator fresh = Simulator.start(SimulatorSettings.defaults())) {
            SimClient flakyClient = new SimClient(flaky);
            List<Integer> likes = new ArrayList<>();
            int failures = 0;
            while (likes.size() < 3) {
                JsonNode body = SimClient.json(flakyClient.get(id));
                if (body.get("code").asInt() == 0) {
                    likes.add(body.at("/data/0/note_list/0/liked_count").asInt());
                } else {
                    failures++;
                }
            }

            assertThat(failures).as("the seed gives some 301s in between").isPositive();
            assertThat(likes.get(0)).isEqualTo(SimClient.note(new SimClient(fresh).get(id)).get("liked_count").asInt());
            assertThat(likes.get(2) - likes.get(1)).isEqualTo(likes.get(1) - likes.get(0)).isPositive();
        }
    }

    @Test
    void differentIdsGiveDifferentContent() throws Exception {
        List<JsonNode> notes = new ArrayList<>();
        for (String id : List.of(ID, OTHER_ID, "0123456789abcdef01234567")) {
            notes.add(SimClient.note(client.get(id)));
        }

        assertThat(notes).extracting(n -> n.get("title").asText() + n.get("desc").asText() + n.get("liked_count"))
                .doesNotHaveDuplicates();
        assertThat(notes).extracting(n -> n.at("/user/userid").asText()).doesNotHaveDuplicates();
    }

    @Test
    void acceptsUpperCaseIdsAndExploreLinks() throws Exception {
        JsonNode bare = withoutCounts(SimClient.note(client.get(OTHER_ID)));

        assertThat(withoutCounts(SimClient.note(client.get(OTHER_ID.toUpperCase())))).isEqualTo(bare);
        assertThat(withoutCounts(SimClient.note(client.get("https://www.xiaohongshu.com/explore/" + OTHER_ID
                + "?xsec_token=abc")))).isEqualTo(bare);
    }

    @Test
    void missingOrEmptyTokenIsCode100WithHttp401() throws Exception {
        for (String query : List.of("noteId=" + ID, "token=&noteId=" + ID)) {
            HttpResponse<String> response = client.getQuery(query);

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(SimClient.json(response).get("code").asInt()).isEqualTo(100);
            assertThat(SimClient.json(response).get("data").isNull()).isTrue();
        }
    }

    @Test
    void missingOrMalformedNoteIdIsCode400() throws Exception {
        for (String query : List.of("token=t", "token=t&noteId=", "token=t&noteId=698ab06400000000150387", "token=t&noteId=698ab064000000001503876z",
                "token=t&noteId=https%3A%2F%2Fexample.com%2Fexplore%2F" + ID)) {
            HttpResponse<String> response = client.getQuery(query);

            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(SimClient.json(response).get("code").asInt()).as(query).isEqualTo(400);
        }
    }

    @Test
    void otherPathsAreJson404() throws Exception {
        HttpResponse<String> response = client.getPath("/api/xiaohongshu/get-note-detail/v2?token=t&noteId=" + ID);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(SimClient.json(response).get("code").asInt()).isEqualTo(404);
    }

    @Test
    void countsRequestsAndAttemptsPerNote() throws Exception {
        String id = "aaaaaaaaaaaaaaaaaaaaaaaa";
        long before = simulator.requestCount();
        client.get(id);
        client.get(id.toUpperCase());
        client.getPath("/elsewhere");

        assertThat(simulator.attemptsFor(id)).isEqualTo(2);
        assertThat(simulator.requestCount() - before).isEqualTo(2);
        assertThat(simulator.attemptsFor("bbbbbbbbbbbbbbbbbbbbbbbb")).isZero();
    }

    @Test
    void baseUrlIsLoopbackWithoutTrailingSlash() {
        assertThat(simulator.baseUrl().toString()).isEqualTo("http://127.0.0.1:" + simulator.port());
    }

    /**
     * The note without its engagement counts, which grow from one answer to the next, and without its media links'
     * signatures, which are made afresh for each answer.
     */
    static JsonNode withoutCounts(JsonNode note) throws Exception {
        ObjectNode copy = (ObjectNode) SimClient.unsigned(note);
        copy.remove(List.of("liked_count", "collected_count", "comments_count", "shared_count"));
        return copy;
    }
}
