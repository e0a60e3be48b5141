package xhsnoterouter.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import xhsnoterouter.Json;

import static xhsnoterouter.simulator.Vocabulary.hex;
import static xhsnoterouter.simulator.Vocabulary.pick;

/**
 * The {@code data} of a successful answer: the real response kept whole, with the note's own fields
 * rewritten from the note ID alone, so a note reads the same whatever the seed or the order of requests.
 * Only its engagement moves: each later answer for the same ID adds a per-note step to the counts, so a
 * watchlist that fetches a note again sees it grow. The first answer is the same in every simulator.
 */
final class NoteContent {

    private static final String TEMPLATE = "/simulator/note-detail-template.json";
    private static final ArrayNode TEMPLATE_DATA = loadTemplateData(TEMPLATE);
    private static final long FIRST_TIME = 1_704_067_200L; // 2024-01-01T00:00:00Z
    private static final long END_TIME = 1_798_761_600L; // 2027-01-01T00:00:00Z
    /** Keeps the growth draws apart from the content draws, which must not move. */
    private static final long GROWTH_SALT = 0x67726F7774680001L;
    /** Keeps the media draws (audio or not, each image's format) apart from the content draws, likewise. */
    private static final long MEDIA_SALT = 0x6D65646961000001L;
    private static final URI NO_BASE = URI.create("http://127.0.0.1:0");

    private NoteContent() {
    }

    /**
     * @param earlierAnswers successful answers this simulator gave for the ID before this one
     * @param urls           where the note's images and audio are served (the simulator's own /media/ path)
     * @param imagesPerNote  {@code simulator.images-per-note}: 0 = the note's own draw, N = exactly N images
     */
    static ArrayNode dataFor(String noteId, int earlierAnswers, MediaUrls urls, int imagesPerNote) {
        return build(noteId, earlierAnswers, urls, imagesPerNote).data();
    }

    /** The files the note's answers link to, which /media/ serves; the same in every simulator of the same setting. */
    static NoteMedia media(String noteId, int imagesPerNote) {
        return build(noteId, 0, new MediaUrls(NO_BASE, 0), imagesPerNote).media();
    }

    /** {@link #media(String, int)} with each note's own number of images (the default). */
    static NoteMedia media(String noteId) {
        return media(noteId, 0);
    }

    private record Built(ArrayNode data, NoteMedia media) {
    }

    private static Built build(String noteId, int earlierAnswers, MediaUrls urls, int imagesPerNote) {
        SplittableRandom r = new SplittableRandom(Draws.of(noteId));
        ArrayNode data = TEMPLATE_DATA.deepCopy();
        ObjectNode item = (ObjectNode) data.get(0);
        ObjectNode note = (ObjectNode) item.get("note_list").get(0);

        Author author = Author.random(r);
        author.writeTo((ObjectNode) item.get("user"));
        author.writeTo((ObjectNode) note.get("user"));

        boolean video = r.nextInt(10) < 3;
        List<String> tags = distinct(Vocabulary.TOPICS, r.nextInt(5), r);
        List<Author> mentions = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            mentions.add(Author.random(r));
        }

        note.put("id", noteId);
        note.put("type", video ? "video" : "normal");
        note.put("title", pick(Vocabulary.PLACES, r) + pick(Vocabulary.SUBJECTS, r) + "|" + pick(Vocabulary.HOOKS, r));
        note.put("desc", desc(r, tags, mentions));
        note.put("time", r.nextLong(FIRST_TIME, END_TIME));
        note.put("ip_location", pick(Vocabulary.PROVINCES, r));
        writeCounts(note, r, noteId, earlierAnswers);
        note.set("hash_tag", hashTags((ObjectNode) note.get("hash_tag").get(0), tags, r));
        note.set("ats", ats((ObjectNode) note.get("ats").get(0), mentions));
        int imageCount = video ? 1 : 1 + r.nextInt(4); // drawn even when overridden, so the draws after it stay put
        if (imagesPerNote > 0) {
            imageCount = imagesPerNote;
        }
        NoteMedia media = NoteMedia.draw(new SplittableRandom(Draws.of(noteId) ^ MEDIA_SALT), video, imageCount);
        note.set("images_list", images((ObjectNode) note.get("images_list").get(0), noteId, media, urls, r));
        ObjectNode download = (ObjectNode) note.get("function_switch").get(0);
        if (r.nextBoolean()) {
            download.put("enable", true).put("reason", "");
        } else {
            download.put("enable", false);
        }
        writeVoice(note, media.audio() ? urls.url(noteId, NoteMedia.AUDIO) : null);
        return new Built(data, media);
    }

    /**
     * The note's voice track ({@code native_voice_info}, and its copy in the JSON string {@code widgets_context}): the
     * URL given, or, with none, no voice at all (the field left out, as for a note without sound).
     */
    static void writeVoice(ObjectNode note, String url) {
        if (url == null) {
            note.remove("native_voice_info");
        } else {
            ((ObjectNode) note.get("native_voice_info")).put("url", url);
        }
        JsonNode context = note.get("widgets_context");
        if (context == null || !context.isTextual()) {
            return;
        }
        try {
            ObjectNode widgets = (ObjectNode) Json.MAPPER.readTree(context.asText());
            if (url == null) {
                widgets.remove("note_sound_info");
                if (widgets.get("flags") instanceof ObjectNode flags) {
                    flags.put("sound_track", false);
                }
            } else if (widgets.get("note_sound_info") instanceof ObjectNode sound) {
                sound.put("url", url);
            }
            note.put("widgets_context", Json.MAPPER.writeValueAsString(widgets));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite widgets_context", e);
        }
    }

    private static String desc(SplittableRandom r, List<String> tags, List<Author> mentions) {
        StringBuilder sb = new StringBuilder();
        for (Author a : mentions) {
            sb.append('@').append(a.nickname()).append(' ');
        }
        sb.append(pick(Vocabulary.SENTENCES, r));
        for (String tag : tags) {
            sb.append(" #").append(tag).append("[话题]#");
        }
        return sb.toString();
    }

    /**
     * Engagement is heavy-tailed on the real site: most notes have a few likes, a few have tens of thousands.
     * Growth: {@code earlier} times a per-note like step (at least 1), the other counts in the note's own
     * proportion to likes; whole numbers throughout, so no count ever goes down between two answers.
     */
    private static void writeCounts(ObjectNode note, SplittableRandom r, String noteId, int earlier) {
        int liked = (int) Math.floor(Math.exp(r.nextDouble() * Math.log(100_000))) - 1;
        double collects = r.nextDouble(0.05, 0.6);
        double comments = r.nextDouble(0.01, 0.2);
        double shares = r.nextDouble(0.005, 0.25);
        SplittableRandom growth = new SplittableRandom(Draws.of(noteId) ^ GROWTH_SALT);
        long gained = (long) earlier * (1 + (long) (liked * growth.nextDouble(0.001, 0.02)) + growth.nextInt(5));
        note.put("liked_count", count(liked + gained));
        note.put("collected_count", count((long) (liked * collects) + (long) (gained * collects)));
        note.put("comments_count", count((long) (liked * comments) + (long) (gained * comments)));
        note.put("shared_count", count((long) (liked * shares) + (long) (gained * shares)));
    }

    /** Counts are ints in every real sample; a simulator asked billions of times stops at the largest. */
    private static int count(long value) {
        return (int) Math.min(Integer.MAX_VALUE, value);
    }

    private static ArrayNode hashTags(ObjectNode sample, List<String> tags, SplittableRandom r) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (String tag : tags) {
            String id = hex(r, 24);
            out.add(sample.deepCopy().put("name", tag).put("id", id).put("type", "topic")
                    .put("link", "xhsdiscover://rn/sns-discover/topic/normal?id=" + id
                            + "&page_source=note_feed.click_new_big"));
        }
        return out;
    }

    private static ArrayNode ats(ObjectNode sample, List<Author> mentions) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Author a : mentions) {
            out.add(sample.deepCopy().put("id", a.userid()).put("name", a.nickname()).put("nickname", a.nickname()));
        }
        return out;
    }

    /** Original and preview are the same file on the simulator (the vendor's differ in size and format only). */
    private static ArrayNode images(ObjectNode sample, String noteId, NoteMedia media, MediaUrls urls,
                                    SplittableRandom r) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (int i = 0; i < media.images().size(); i++) {
            int[] size = Vocabulary.IMAGE_SIZES[r.nextInt(Vocabulary.IMAGE_SIZES.length)];
            String file = "1040g008" + hex(r, 32);
            String preview = urls.url(noteId, media.images().get(i));
            ObjectNode image = sample.deepCopy();
            image.put("original", preview)
                    .put("url", preview)
                    .put("fileid", file)
                    .put("trace_id", file)
                    .put("index", i)
                    .put("width", size[0])
                    .put("height", size[1]);
            ((ObjectNode) image.get("url_multi_level")).put("low", preview).put("medium", preview).put("high", preview);
            ((ObjectNode) image.get("origin_img")).put("width", size[0]).put("height", size[1]);
            out.add(image);
        }
        return out;
    }

    private static List<String> distinct(List<String> words, int count, SplittableRandom r) {
        Set<String> picked = new LinkedHashSet<>();
        while (picked.size() < count) {
            picked.add(pick(words, r));
        }
        return List.copyOf(picked);
    }

    /** The {@code data} of a captured answer on the classpath. */
    static ArrayNode loadTemplateData(String resource) {
        try (InputStream in = NoteContent.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            JsonNode root = Json.MAPPER.readTree(in);
            return (ArrayNode) root.get("data");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** A note author or a mentioned user, written into the template's user objects. */
    private record Author(String userid, String nickname, String redId, String image) {

        static Author random(SplittableRandom r) {
            return new Author(hex(r, 24), Vocabulary.nickname(r), Long.toString(r.nextLong(100_000_000L, 9_999_999_999L)),
                    "https://sns-avatar-qc.xhscdn.com/avatar/1040g2jo" + hex(r, 32) + "?imageView2/2/w/120/format/jpg");
        }

        void writeTo(ObjectNode user) {
            user.put("id", userid).put("userid", userid).put("name", nickname).put("nickname", nickname)
                    .put("red_id", redId).put("image", image);
        }
    }
}
