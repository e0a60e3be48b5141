package xhsnoterouter.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decoding of the byte slices the readers cut out of a file. */
final class Utf8 {

    /** Enough bytes for {@link RawEntry#MAX_PREVIEW_CHARS} chars of any script. */
    private static final int PREVIEW_BYTES = RawEntry.MAX_PREVIEW_CHARS * 4;

    private Utf8() {
    }

    /** A decoder that refuses bad bytes, so a mis-encoded line is reported instead of silently becoming U+FFFD. */
    static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The text of the bytes, or null when they are not valid UTF-8. */
    static String decode(byte[] bytes, int length, CharsetDecoder decoder) {
        boolean ascii = true;
        for (int i = 0; i < length && ascii; i++) {
            ascii = bytes[i] >= 0;
        }
        if (ascii) {
            // Most input is plain ASCII (IDs, links); this skips the decoder's buffers on a million-line file.
            return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        }
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, 0, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** A lossy, short rendering of (the start of) some bytes, for showing the user what a bad entry held. */
    static String preview(byte[] bytes, int length) {
        return shorten(new String(bytes, 0, Math.min(length, PREVIEW_BYTES), StandardCharsets.UTF_8).strip());
    }

    static String shorten(String text) {
        if (text == null) {
            return "";
        }
        if (text.length() <= RawEntry.MAX_PREVIEW_CHARS) {
            return text;
        }
        int end = RawEntry.MAX_PREVIEW_CHARS;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
