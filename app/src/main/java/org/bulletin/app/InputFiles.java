package org.bulletin.app;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.bulletin.enrich.RawDocument;

/** The file arguments of the offline commands ({@code classify}, {@code extract}): files, folders and '-' for stdin. */
final class InputFiles {

    /** What a command does with one input file, as a raw document keyed by the path given (or '-'). */
    interface DocumentHandler {
        void handle(RawDocument doc) throws IOException;
    }

    private InputFiles() {}

    /**
     * Reads every file the arguments name and hands each to {@code handler} as a raw document (source id
     * {@code command}); a missing or unreadable file is reported on {@code err} and skipped.
     *
     * @return how many arguments or files could not be read
     */
    static int forEachDocument(List<String> inputs, String command, PrintWriter err, DocumentHandler handler)
            throws IOException {
        int failures = 0;
        for (String input : inputs) {
            List<Path> files;
            try {
                files = expand(input);
            } catch (IOException | IllegalArgumentException e) {
                err.println("bulletin " + command + ": " + e.getMessage());
                failures++;
                continue;
            }
            for (Path file : files) {
                String source = file == null ? "-" : (Path.of(input).equals(file) ? input : file.toString());
                byte[] bytes;
                try {
                    bytes = read(file);
                } catch (IOException e) {
                    err.println("bulletin " + command + ": cannot read " + source + ": " + e.getMessage());
                    failures++;
                    continue;
                }
                handler.handle(new RawDocument(
                        source, command, null, Instant.now(), contentType(source), null, bytes, -1, -1L));
            }
        }
        return failures;
    }

    /** The files an argument names: itself, every regular file under a folder (sorted), or a null entry for '-'. */
    static List<Path> expand(String input) throws IOException {
        if (input.equals("-")) {
            List<Path> stdin = new ArrayList<>();
            stdin.add(null);
            return stdin;
        }
        Path p = Path.of(input);
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("no such file or folder: " + input);
        }
        if (!Files.isDirectory(p)) {
            return List.of(p);
        }
        try (Stream<Path> walk = Files.walk(p)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** The bytes of a file (standard input for null), decompressed when they start with the gzip magic. */
    static byte[] read(Path file) throws IOException {
        byte[] bytes = file == null ? System.in.readAllBytes() : Files.readAllBytes(file);
        // Decide by the magic, not the name: a stdin stream or a misnamed file is read the same way.
        if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                return in.readAllBytes();
            }
        }
        return bytes;
    }

    /** The content type a file name implies ({@code .gz} looked through): HTML for .html/.htm/.xhtml, else plain text. */
    static String contentType(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        if (n.endsWith(".html") || n.endsWith(".htm") || n.endsWith(".xhtml")) {
            return "text/html";
        }
        return "text/plain";
    }
}
