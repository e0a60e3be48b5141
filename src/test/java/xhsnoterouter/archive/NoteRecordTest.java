package xhsnoterouter.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import xhsnoterouter.Json;
import xhsnoterouter.ingest.NoteId;
import xhsnoterouter.ingest.Source;
import xhsnoterouter.support.ScriptedApi;

/** The records.jsonl line made from the vendor's real response, field by field (SPEC §7). */
class NoteRecordTest {

    private static final NoteId ID = NoteId.of("698ab064000000001503876d").orElseThrow();
    private static final Instant FETCHED_AT = Instant.parse("2026-11-27T08:00:00.123Z");
    private static final Source SOURCE = new Source("ids.txt", 7);

    @Test
    void referenceResponseMapsToEveryRecordField() throws Exception {
        JsonNode response = Json.MAPPER.readTree(Files.readAllBytes(ScriptedApi.REFERENCE));

        JsonNode r = Json.MAPPER.valueToTree(NoteRecord.from(response, ID, FETCHED_AT, SOURCE));

        assertThat(r.get("noteId").asText()).isEqualTo("698ab064000000001503876d");
        assertThat(r.get("url").asText()).isEqualTo("https://www.xiaohongshu.com/explore/698ab064000000001503876d");
        assertThat(r.get("type").asText()).isEqualTo("video");
        assertThat(r.get("title").asText()).isEqualTo("国潮才是永恒审美!新年写真我太想进步了");
        assertThat(r.get("desc").asText()).startsWith("和@小羊崽吃了吗 在杭州街拍新年写真").endsWith("#拍照姿势不重样[话题]#");
        assertThat(r.get("publishedAt").asText()).isEqualTo("2026-02-10T04:13:24Z");
        assertThat(r.get("ipLocation").asText()).isEqualTo("浙江");
        assertThat(r.get("likes").asLong()).isEqualTo(689);
        assertThat(r.get("collects").asLong()).isEqualTo(247);
        assertThat(r.get("comments").asLong()).isEqualTo(84);
        assertThat(r.get("shares").asLong()).isEqualTo(149);
        assertThat(r.get("author").get("id").asText()).isEqualTo("5cc823550000000010034c96");
        assertThat(r.get("author").get("nickname").asText()).isEqualTo("风草");
        assertThat(r.get("author").get("redId").asText()).isEqualTo("518955047");
        assertThat(r.get("tags")).extracting(JsonNode::asText)
                .containsExactly("我是春节主理人", "咔嚓一张新年照", "新年写真", "国风", "拍照姿势不重样");
        assertThat(r.get("mentions")).hasSize(1);
        assertThat(r.get("mentions").get(0).get("id").asText()).isEqualTo("5b100874f7e8b932e02cfc6d");
        assertThat(r.get("mentions").get(0).get("nickname").asText()).isEqualTo("小羊崽吃了吗");
        assertThat(r.get("images")).hasSize(1);
        assertThat(r.get("images").get(0).get("url").asText())
                .startsWith("https://sns-i10.rednotecdn.com/1040g00831sd37bs2lk405n684dak6j4m6ekoci0?imageView2/2/w/5000/h/5000")
                .contains("sc=V_ORG");
        assertThat(r.get("images").get(0).get("width").asInt()).isEqualTo(1080);
        assertThat(r.get("images").get(0).get("height").asInt()).isEqualTo(1920);
        assertThat(r.get("audioUrl").asText())
                .isEqualTo("http://sns-v10.rednotecdn.com/audio/1/02e98ab06689295a010370039c45c11f80_0.wav");
        assertThat(r.get("videoDownloadAllowed").asBoolean()).isFalse();
        assertThat(r.get("videoDownloadAllowed").isBoolean()).isTrue();
        assertThat(r.get("fetchedAt").asText()).isEqualTo("2026-11-27T08:00:00.123Z");
        assertThat(r.get("source").get("file").asText()).isEqualTo("ids.txt");
        assertThat(r.get("source").get("line").asInt()).isEqualTo(7);
        assertThat(r.size()).as("exactly the SPEC's fields").isEqualTo(19);
    }

    @Test
    void missingFieldsAreNullOrEmptyNeverMadeUp() throws Exception {
        JsonNode sparse = Json.MAPPER.readTree("{\"code\":0,\"data\":[{\"note_list\":[{\"id\":\"x\","
                + "\"liked_count\":\"1.2万\",\"user\":{\"nickname\":\"only a name\"}}]}]}");

        JsonNode r = Json.MAPPER.valueToTree(NoteRecord.from(sparse, ID, FETCHED_AT, SOURCE));

        for (String field : new String[] {"type", "title", "desc", "publishedAt", "ipLocation", "likes", "collects",
                "comments", "shares", "audioUrl", "videoDownloadAllowed"}) {
            assertThat(r.get(field).isNull()).as(field).isTrue();
        }
        assertThat(r.get("author").get("id").isNull()).isTrue();
        assertThat(r.get("author").get("nickname").asText()).isEqualTo("only a name");
        assertThat(r.get("tags")).isEmpty();
        assertThat(r.get("mentions")).isEmpty();
        assertThat(r.get("images")).isEmpty();
    }
}
