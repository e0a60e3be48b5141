package xhsnoterouter.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import xhsnoterouter.Json;
import xhsnoterouter.archive.NoteRecord;
import xhsnoterouter.ingest.NoteId;
import xhsnoterouter.ingest.Source;
import xhsnoterouter.support.ScriptedApi;

/** Which files media.download asks for, from the vendor's real answer (a video note whose author forbids downloads). */
class MediaPlanTest {

    @Test
    void theSettingIsNoneOrACommaList() {
        assertThat(MediaKind.parse("none")).isEmpty();
        assertThat(MediaKind.parse("")).isEmpty();
        assertThat(MediaKind.parse(" Images , video")).containsExactlyInAnyOrder(MediaKind.IMAGES, MediaKind.VIDEO);
        assertThatThrownBy(() -> MediaKind.parse("images,thumbnails"))
                .hasMessage("'thumbnails' is not one of none, images, audio, video");
    }

    @Test
    void imagesAndAudioOfTheReferenceNote() throws Exception {
        NoteRecord record = reference();

        List<MediaItem> items = MediaPlan.items(record, EnumSet.allOf(MediaKind.class));

        assertThat(items).extracting(MediaItem::kind, MediaItem::name)
                .containsExactly(tuple(MediaKind.IMAGES, "image-1"), tuple(MediaKind.AUDIO, "audio"));
        assertThat(items.get(0).url()).as("the original, signed")
                .startsWith("https://sns-i10.rednotecdn.com/1040g00831sd37bs2lk405n684dak6j4m6ekoci0?")
                .contains("&sign=f84261bfe2427b601718db89f70ebb59&t=69aede95");
        assertThat(items.get(1).url())
                .isEqualTo("http://sns-v10.rednotecdn.com/audio/1/02e98ab06689295a010370039c45c11f80_0.wav");
        assertThat(MediaPlan.items(record, Set.of(MediaKind.AUDIO))).extracting(MediaItem::name).containsExactly("audio");
        assertThat(MediaPlan.items(record, Set.of())).isEmpty();
    }

    @Test
    void aVideoNoteWantsTheV6CallOnlyWhenVideoIsAskedForAndItsSwitchIsRead() throws Exception {
        NoteRecord record = reference();

        assertThat(record.type()).isEqualTo("video");
        assertThat(MediaPlan.wantsVideo(record, Set.of(MediaKind.VIDEO))).isTrue();
        assertThat(MediaPlan.wantsVideo(record, Set.of(MediaKind.IMAGES, MediaKind.AUDIO))).isFalse();
        assertThat(MediaPlan.videoForbidden(record)).as("function_switch video_download enable=false").isTrue();
    }

    @Test
    void imagesAreNumberedByTheirPlaceInTheNote() {
        NoteRecord record = new NoteRecord("n", null, "normal", null, null, null, null, null, null, null, null, null,
                List.of(), List.of(), List.of(new NoteRecord.Image("https://a.xhscdn.com/1", null, null),
                        new NoteRecord.Image(null, null, null), new NoteRecord.Image("https://a.xhscdn.com/3", null, null)),
                null, null, null, null);

        assertThat(MediaPlan.items(record, Set.of(MediaKind.IMAGES))).extracting(MediaItem::name)
                .containsExactly("image-1", "image-3");
        assertThat(MediaPlan.wantsVideo(record, Set.of(MediaKind.VIDEO))).isFalse();
    }

    private static NoteRecord reference() throws Exception {
        return NoteRecord.from(Json.MAPPER.readTree(Files.readAllBytes(ScriptedApi.REFERENCE)),
                NoteId.of("698ab064000000001503876d").orElseThrow(), Instant.parse("2026-12-05T00:00:00Z"),
                new Source("ids.txt", 1));
    }
}
