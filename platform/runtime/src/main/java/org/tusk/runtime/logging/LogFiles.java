package org.tusk.runtime.logging;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The logging collector's files: log_directory/log_filename, where the file name takes strftime
 * escapes (%Y %m %d %H %M %S %%), rotated when log_rotation_age has passed or log_rotation_size is
 * reached. Files are created with log_file_mode (0600), as the rest of the cluster's files.
 */
final class LogFiles implements AutoCloseable {
    private final Path directory;
    private final String filenamePattern;
    private final Duration rotationAge;
    private final long rotationSize;
    private final ZoneId zone;

    private OutputStream out;
    private Instant openedAt;
    private long written;

    LogFiles(Path directory, String filenamePattern, Duration rotationAge, long rotationSize, ZoneId zone) {
        this.directory = directory;
        this.filenamePattern = filenamePattern;
        this.rotationAge = rotationAge;
        this.rotationSize = rotationSize;
        this.zone = zone;
    }

    Path directory() {
        return directory;
    }

    void write(String line, Instant now) throws IOException {
        if (out == null || needsRotation(now)) {
            open(now);
        }
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        out.write(bytes);
        out.flush();
        written += bytes.length;
    }

    private boolean needsRotation(Instant now) {
        boolean tooOld = !rotationAge.isZero() && Duration.between(openedAt, now).compareTo(rotationAge) >= 0;
        boolean tooBig = rotationSize > 0 && written >= rotationSize;
        return tooOld || tooBig;
    }

    private void open(Instant now) throws IOException {
        close();
        Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path file = directory.resolve(fileName(filenamePattern, ZonedDateTime.ofInstant(now, zone)));
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        out = Files.newOutputStream(file, StandardOpenOption.APPEND);
        openedAt = now;
        written = Files.size(file);
    }

    /** log_filename with its strftime escapes expanded. */
    static String fileName(String pattern, ZonedDateTime t) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%' || i + 1 == pattern.length()) {
                b.append(c);
                continue;
            }
            char e = pattern.charAt(++i);
            switch (e) {
                case 'Y' -> b.append(String.format("%04d", t.getYear()));
                case 'm' -> b.append(String.format("%02d", t.getMonthValue()));
                case 'd' -> b.append(String.format("%02d", t.getDayOfMonth()));
                case 'H' -> b.append(String.format("%02d", t.getHour()));
                case 'M' -> b.append(String.format("%02d", t.getMinute()));
                case 'S' -> b.append(String.format("%02d", t.getSecond()));
                case 'a' -> b.append(t.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT,
                        java.util.Locale.ROOT));
                case '%' -> b.append('%');
                default -> b.append('%').append(e);
            }
        }
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }
}
