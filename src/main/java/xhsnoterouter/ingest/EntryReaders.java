package xhsnoterouter.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** Opens the reader that fits an input file's type. */
public final class EntryReaders {

    /** No entry needs more; anything longer is hostile or a mistake, and is reported instead of held in memory. */
    public static final int MAX_ENTRY_BYTES = 65536;

    enum Format { TXT, CSV, JSON }

    private EntryReaders() {
    }

    /**
     * Opens the right reader by extension (case-insensitive).
     *
     * @throws UnsupportedInputException for an extension other than .txt, .csv and .json
     * @throws UnreadableInputException  when the file cannot be opened, or looks binary
     */
    public static EntryReader open(Path file) throws UnsupportedInputException, UnreadableInputException {
        Format format = formatOf(file);
        if (Files.isSymbolicLink(file)) {
            // It may point anywhere on the machine: the inbox takes files dropped into it, not pointers to others.
            throw new UnreadableInputException("not read: it is a symbolic link; copy the file into the inbox instead");
        }
        if (Files.isDirectory(file)) {
            throw new UnreadableInputException("cannot read file: it is a folder");
        }
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (IOException e) {
            throw new UnreadableInputException("cannot read file: " + describe(e), e);
        }
        try {
            return open(in, format);
        } catch (UnreadableInputException | RuntimeException e) {
            try {
                in.close();
            } catch (IOException ignored) {
                // Already failing with a better reason.
            }
            throw e;
        }
    }

    /** Opens a reader over a stream already opened (also how tests feed streams that fail half-way). */
    static EntryReader open(InputStream in, Format format) throws UnreadableInputException {
        ByteSource source = new ByteSource(in);
        try {
            source.prime();
        } catch (IOException e) {
            throw new UnreadableInputException("cannot read file: " + describe(e), e);
        }
        if (source.startsLikeBinary()) {
            throw new UnreadableInputException("looks like a binary file, not text");
        }
        source.skipBom();
        return switch (format) {
            case TXT -> new TxtEntryReader(source);
            case CSV -> new CsvEntryReader(source);
            case JSON -> new JsonEntryReader(source);
        };
    }

    static Format formatOf(Path file) throws UnsupportedInputException {
        Path name = file.getFileName();
        String fileName = name == null ? "" : name.toString();
        int dot = fileName.lastIndexOf('.');
        String extension = dot < 0 ? "" : fileName.substring(dot);
        switch (extension.toLowerCase(Locale.ROOT)) {
            case ".txt":
                return Format.TXT;
            case ".csv":
                return Format.CSV;
            case ".json":
                return Format.JSON;
            default:
                String what = extension.isEmpty() ? "(no extension)" : "'" + extension + "'";
                throw new UnsupportedInputException(
                        "unsupported file type " + what + ": accepted are .txt, .csv and .json");
        }
    }

    /** A short reason for a failed read, fit for a log line (Java's own messages are often just a path). */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String message = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return Utf8.shorten((newline >= 0 ? message.substring(0, newline) : message).strip());
    }
}
