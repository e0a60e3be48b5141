package xhsnoterouter.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntryParserTest {

    private static final String ID = "64a1b2c3d4e5f60718293a4b";
    private static final String USER = "5cc823550000000010034c96";

    private static void assertGivesTheId(String entry) {
        EntryParser.Parsed parsed = EntryParser.parse(entry);
        assertThat(parsed.problem()).as("problem for %s", entry).isNull();
        assertThat(parsed.noteId()).as("note ID of %s", entry).isEqualTo(new NoteId(ID));
    }

    private static void assertIsInvalid(String entry) {
        EntryParser.Parsed parsed = EntryParser.parse(entry);
        assertThat(parsed.noteId()).as("note ID of %s", entry).isNull();
        assertThat(parsed.shortLink()).as("short link of %s", entry).isNull();
        assertThat(parsed.problem()).as("problem for %s", entry).isNotBlank();
    }

    private static void assertGivesTheShortLink(String entry, String shortLink) {
        EntryParser.Parsed parsed = EntryParser.parse(entry);
        assertThat(parsed.problem()).as("problem for %s", entry).isNull();
        assertThat(parsed.noteId()).as("note ID of %s", entry).isNull();
        assertThat(parsed.isShortLink()).isTrue();
        assertThat(parsed.shortLink()).as("short link of %s", entry).isEqualTo(shortLink);
    }

    private static final String SHARE_TEXT = "52 【春日穿搭分享 - 小红薯 | 小红书 - 你的生活指南】 😆 AbCdEfGhIjK 😆 "
            + "http://xhslink.com/a/AbCdEf1234，复制本条信息，打开【小红书】App查看精彩内容！";

    @Test
    void bareIdGivesItself() {
        assertGivesTheId(ID);
    }

    @Test
    void upperCaseIdIsLowered() {
        assertGivesTheId(ID.toUpperCase());
        assertGivesTheId("64A1b2C3d4E5f60718293A4b");
    }

    @Test
    void surroundingSpacesAreIgnored() {
        assertGivesTheId("  " + ID + "\t");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://www.xiaohongshu.com/explore/" + ID,
            "http://www.xiaohongshu.com/explore/" + ID,
            "https://xiaohongshu.com/explore/" + ID,
            "www.xiaohongshu.com/explore/" + ID,
            "xiaohongshu.com/explore/" + ID,
            "https://www.xiaohongshu.com/discovery/item/" + ID,
            "xiaohongshu.com/discovery/item/" + ID,
            "https://www.xiaohongshu.com/user/profile/" + USER + "/" + ID,
            "xiaohongshu.com/user/profile/" + USER + "/" + ID,
    })
    void xiaohongshuNoteLinkGivesTheNoteId(String link) {
        assertGivesTheId(link);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://www.rednote.com/explore/" + ID,
            "rednote.com/explore/" + ID,
            "https://www.rednote.com/discovery/item/" + ID,
            "www.rednote.com/discovery/item/" + ID,
            "https://rednote.com/user/profile/" + USER + "/" + ID,
    })
    void rednoteLinkGivesTheNoteId(String link) {
        assertGivesTheId(link);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://www.xiaohongshu.com/explore/" + ID + "?xsec_token=ABtRd3Zx-9_Q=&xsec_source=pc_feed",
            "https://www.xiaohongshu.com/discovery/item/" + ID + "?xsec_token=AB12&xsec_source=app_share",
            "rednote.com/user/profile/" + USER + "/" + ID + "?xsec_token=AB12&xsec_source=pc_user",
            "https://www.xiaohongshu.com/explore/" + ID + "#comments",
            "https://www.xiaohongshu.com/explore/" + ID + "?xsec_token=AB12#comments",
    })
    void linkWithQueryOrFragmentGivesTheNoteId(String link) {
        assertGivesTheId(link);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://www.xiaohongshu.com/explore/" + ID + "/",
            "https://www.rednote.com/discovery/item/" + ID + "/?xsec_token=AB12",
    })
    void linkWithTrailingSlashGivesTheNoteId(String link) {
        assertGivesTheId(link);
    }

    @Test
    void linkWithUpperCaseIdGivesTheLoweredId() {
        assertGivesTheId("https://www.xiaohongshu.com/explore/" + ID.toUpperCase());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "64a1b2c3d4e5f60718293a4",     // 23 characters
            "64a1b2c3d4e5f60718293a4b0",   // 25 characters
            "64a1b2c3d4e5f60718293a4g",    // 'g' is not hex
            "64a1b2c3-4e5f-0718-293a4b",   // dashes
            "64a1b2c3d4e5f607 18293a4b",   // inner space
    })
    void malformedIdIsInvalid(String entry) {
        assertIsInvalid(entry);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://www.xiaohongshu.com/explore/64a1b2c3d4e5f60718293a4",
            "https://www.xiaohongshu.com/explore/64a1b2c3d4e5f60718293a4b0",
            "https://www.xiaohongshu.com/explore/64a1b2c3d4e5f60718293a4z",
    })
    void linkWithMalformedIdIsInvalid(String link) {
        assertIsInvalid(link);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://xiaohongshu.com.evil.example/explore/" + ID,
            "https://evil.example/explore/" + ID,
            "https://evilxiaohongshu.com/explore/" + ID,
            "https://xiaohongshu.com@evil.example/explore/" + ID,
            "https://evil.example/?next=xiaohongshu.com/explore/" + ID,
            "https://xhslink.com/abc",
            "ftp://www.xiaohongshu.com/explore/" + ID,
            "ftp://xhslink.com/a/AbC123",
            "https://xhslink.com.evil.example/a/AbC123",
            "https://evil.example/?next=xhslink.com/a/AbC123",
            "https://evilxhslink.com/a/AbC123",
    })
    void linkToAnotherHostIsInvalid(String link) {
        assertIsInvalid(link);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://www.xiaohongshu.com/user/profile/" + USER,
            "https://www.xiaohongshu.com/user/profile/" + USER + "/",
            "https://www.xiaohongshu.com/explore",
            "https://www.xiaohongshu.com/",
            "https://www.xiaohongshu.com",
            "https://www.xiaohongshu.com/search_result?keyword=" + ID,
            "https://www.xiaohongshu.com/explore/../../etc/passwd",
    })
    void linkThatDoesNotPointToANoteIsInvalid(String link) {
        assertIsInvalid(link);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "/etc/passwd", "C:\\notes\\" + ID, "noteId", "hello world"})
    void pathOrTextIsInvalid(String entry) {
        assertIsInvalid(entry);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t"})
    void emptyEntryIsInvalid(String entry) {
        assertIsInvalid(entry);
    }

    @Test
    void nullEntryIsInvalid() {
        assertIsInvalid(null);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "64a1b2c3d4e5\u000018293a4b",
            ID + "\u0000",
            "\u0000" + ID,
            ID + "\u0007",
            "\u001b[31m" + ID,
            ID + "\u007f",
            "https://www.xiaohongshu.com/explore/\u0000" + ID,
            "https://www.xiaohongshu.com/exp\u0001lore/" + ID,
    })
    void entryWithNulOrControlCharactersIsInvalid(String entry) {
        assertIsInvalid(entry);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://xhslink.com/a/AbCdEf1234",
            "  http://xhslink.com/a/AbCdEf1234\t",
            "HTTP://XHSLINK.COM/a/AbCdEf1234",
    })
    void shortLinkIsKeptToResolveWithSchemeAndHostLowered(String entry) {
        assertGivesTheShortLink(entry, "http://xhslink.com/a/AbCdEf1234");
    }

    @Test
    void shortLinkPathsAndSchemesAreKeptExactly() {
        assertGivesTheShortLink("https://xhslink.com/o/7Xy0zQ", "https://xhslink.com/o/7Xy0zQ");
        assertGivesTheShortLink("https://xhslink.com/m/aBc", "https://xhslink.com/m/aBc");
        assertGivesTheShortLink("xhslink.com/a/AbC", "https://xhslink.com/a/AbC");
        assertGivesTheShortLink("https://xhslink.com/a/AbC/", "https://xhslink.com/a/AbC/");
        assertGivesTheShortLink("https://xhslink.com/a/AbC?s=1&t=2", "https://xhslink.com/a/AbC?s=1&t=2");
        // A code may look like a note ID: it is still a link to resolve, never taken as the ID.
        assertGivesTheShortLink("xhslink.com/a/" + ID, "https://xhslink.com/a/" + ID);
    }

    @Test
    void shortLinkCodeKeepsItsCase() {
        assertThat(EntryParser.parse("http://xhslink.com/a/abcdef").shortLink())
                .isNotEqualTo(EntryParser.parse("http://xhslink.com/a/ABCDEF").shortLink());
    }

    @Test
    void shareTextGivesItsShortLink() {
        assertGivesTheShortLink(SHARE_TEXT, "http://xhslink.com/a/AbCdEf1234");
        assertGivesTheShortLink("快来看 https://xhslink.com/o/Zz9. 复制本条信息", "https://xhslink.com/o/Zz9");
        assertGivesTheShortLink("(see http://xhslink.com/m/Qq1), thanks", "http://xhslink.com/m/Qq1");
    }

    @Test
    void noteLinkAnywhereInATextGivesTheIdWithoutResolving() {
        assertGivesTheId("看看这篇 https://www.xiaohongshu.com/explore/" + ID + "?xsec_token=AB12&xsec_source=pc_share 超好看");
        assertGivesTheId("【标题】https://www.xiaohongshu.com/discovery/item/" + ID + "，复制本条信息");
        assertGivesTheId("rednote: rednote.com/explore/" + ID + ".");
        // A note link wins over a short link in the same text: no call needed.
        assertGivesTheId("http://xhslink.com/a/AbC 或 https://www.xiaohongshu.com/explore/" + ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "52 【春日穿搭分享】 😆 AbCdEfGhIjK 😆 复制本条信息，打开【小红书】App查看精彩内容！",
            "看看 https://www.xiaohongshu.com/user/profile/" + USER + " 的主页",
            "see https://evil.example/?next=xiaohongshu.com/explore/" + ID,
            "看看 xhslink.com/abc 吧",
            "id " + ID + " in a sentence",
    })
    void textWithoutANoteLinkOrShortLinkIsInvalid(String entry) {
        assertIsInvalid(entry);
    }

    @Test
    void invalidShortLinkProblemSaysWhatIsExpected() {
        assertThat(EntryParser.parse("看看 xhslink.com/abc 吧").problem()).contains("xhslink.com/a/<code>");
    }

    @Test
    void invalidIdProblemSaysWhatAnIdIs() {
        assertThat(EntryParser.parse("64a1b2c3d4e5f60718293a4").problem()).contains("24");
    }

    @Test
    void noteIdKeepsOnlyValidatedLowerCaseHex() {
        assertThat(NoteId.of(ID.toUpperCase())).contains(new NoteId(ID));
        assertThat(NoteId.of("64a1b2c3d4e5f60718293a4")).isEmpty();
        assertThat(NoteId.of(null)).isEmpty();
        assertThatThrownBy(() -> new NoteId(ID.toUpperCase())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noteIdUrlIsTheExploreLink() {
        assertThat(new NoteId(ID).url()).isEqualTo("https://www.xiaohongshu.com/explore/" + ID);
    }
}
