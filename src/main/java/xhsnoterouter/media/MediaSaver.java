package xhsnoterouter.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

import xhsnoterouter.archive.AtomicFiles;

/**
 * Saves one downloaded body: streamed to {@code <name>.part} (never held whole in memory: a video may be hundreds of
 * MB), its first bytes checked against the kind asked for, at most {@code maxBytes}, within a deadline, then moved to
 * {@code <name>.<ext>} in one step. Whatever goes wrong, no file with the final name is left behind that is not the
 * whole body: the part file is deleted and the reason thrown.
 */
public final class MediaSaver {

    /** Partial downloads; a start deletes any it finds (the run that wrote them was cut off). */
    public static final String PART = ".part";

    private final long maxBytes;
    private final long timeoutNanos;

    public MediaSaver(long maxBytes, long timeoutMillis) {
        this.maxBytes = maxBytes;
        this.timeoutNanos = timeoutMillis * 1_000_000L;
    }

    /** Why a body was not saved: the manifest's reason, and whether trying again may help. */
    public static final class Refused extends Exception {
        private final String reason;
        private final boolean retryable;

        public Refused(String reason, String detail, boolean retryable) {
            super(reason + ": " + detail, null, false, false);
            this.reason = reason;
            this.retryable = retryable;
        }

        public String reason() {
            return reason;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    /**
     * @param contentLength the answer's Content-Length, or -1 when it gave none
     * @param startedNanos  when the request was sent ({@link System#nanoTime}): the deadline counts from there
     */
    public Manifest.SavedFile save(Path noteDir, MediaItem item, String contentType, long contentLength, InputStream body,
                                   long startedNanos) throws Refused, IOException {
        if (contentLength > maxBytes) {
            throw new Refused("TOO_LARGE", contentLength + " bytes announced, media.max-bytes is " + maxBytes, false);
        }
        Optional<String> ext = MediaBody.extension(contentType);
        Files.createDirectories(noteDir);
        Path part = noteDir.resolve(item.name() + PART);
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long total = 0;
        boolean kept = false;
        try (OutputStream out = Files.newOutputStream(part)) {
            byte[] buffer = new byte[64 * 1024];
            byte[] head = new byte[MediaBody.HEAD];
            int headLength = 0;
            boolean checked = false;
            int n;
            while ((n = read(body, buffer)) >= 0) {
                if (System.nanoTime() - startedNanos > timeoutNanos) {
                    throw new Refused("TIMEOUT", "not whole after " + timeoutNanos / 1_000_000_000L
                            + " s (media.timeout-seconds), " + total + " bytes so far", true);
                }
                if (!checked) {
                    int take = Math.min(n, head.length - headLength);
                    System.arraycopy(buffer, 0, head, headLength, take);
                    headLength += take;
                    if (headLength == head.length) {
                        check(item, contentType, head, headLength);
                        checked = true;
                    }
                }
                total += n;
                if (total > maxBytes) {
                    throw new Refused("TOO_LARGE", "more than " + maxBytes + " bytes (media.max-bytes)", false);
                }
                sha.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
            if (contentLength >= 0 && total < contentLength) {
                throw new Refused("CUT_SHORT", total + " of " + contentLength + " bytes arrived", true);
            }
            if (total == 0) {
                throw new Refused("EMPTY", "the answer had no body", true);
            }
            if (!checked) {
                check(item, contentType, head, headLength);
            }
            if (ext.isEmpty()) {
                throw new Refused("NOT_MEDIA", "Content-Type " + contentType + " has no file extension known", false);
            }
            kept = true;
        } finally {
            if (!kept) {
                Files.deleteIfExists(part);
            }
        }
        String file = item.name() + "." + ext.get();
        AtomicFiles.move(part, noteDir.resolve(file));
        return new Manifest.SavedFile(file, total, HexFormat.of().formatHex(sha.digest()), MediaBody.mediaType(contentType));
    }

    /** A connection closed before Content-Length bytes came reads as an IOException or an early end: both cut short. */
    private static int read(InputStream body, byte[] buffer) throws Refused {
        try {
            return body.read(buffer);
        } catch (IOException e) {
            throw new Refused("CUT_SHORT", "the connection broke while reading (" + e.getClass().getSimpleName() + ")",
                    true);
        }
    }

    private static void check(MediaItem item, String contentType, byte[] head, int length) throws Refused {
        byte[] seen = length == head.length ? head : Arrays.copyOf(head, length);
        Optional<String> refusal = MediaBody.refusal(item.kind(), contentType, seen);
        if (refusal.isPresent()) {
            throw new Refused("NOT_MEDIA", refusal.get(), false);
        }
    }

    /** The SHA-256 of a file already saved, as the manifest writes it. */
    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
