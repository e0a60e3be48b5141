package xhsnoterouter.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: write a file, read all its entries. */
final class Entries {

    private Entries() {
    }

    static Path write(Path dir, String name, String content) throws IOException {
        return write(dir, name, content.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path dir, String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    static List<RawEntry> readAll(Path file) throws Exception {
        try (EntryReader reader = EntryReaders.open(file)) {
            return drain(reader);
        }
    }

    static List<RawEntry> readAll(Path dir, String name, String content) throws Exception {
        return readAll(write(dir, name, content));
    }

    static List<RawEntry> drain(EntryReader reader) {
        List<RawEntry> entries = new ArrayList<>();
        while (reader.hasNext()) {
            entries.add(reader.next());
        }
        return entries;
    }

    static RawEntry ok(long line, String text) {
        return RawEntry.ok(line, text);
    }

    static RawEntry bad(long line, String preview, String problem) {
        return RawEntry.bad(line, preview, problem);
    }

    static byte[] concat(byte[]... parts) {
        int total = 0;
        for (byte[] part : parts) {
            total += part.length;
        }
        byte[] all = new byte[total];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A stream that serves its bytes and then fails, like a file that vanished off a network share. */
    static InputStream failingAfter(byte[] content, String message) {
        return new InputStream() {
            private int pos;

            @Override
            public int read() throws IOException {
                if (pos < content.length) {
                    return content[pos++] & 0xff;
                }
                throw new IOException(message);
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (pos >= content.length) {
                    throw new IOException(message);
                }
                int n = Math.min(len, Math.min(content.length - pos, 5));
                System.arraycopy(content, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }
}
