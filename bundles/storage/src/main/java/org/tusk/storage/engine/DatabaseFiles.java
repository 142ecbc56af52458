package org.tusk.storage.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.tusk.storage.smgr.StorageException;

/**
 * The files of one database, {@code base/<oid>}: what CREATE DATABASE's FILE_COPY strategy copies and
 * DROP DATABASE removes (PostgreSQL's copydir.c and the directory part of dbcommands.c). Every file
 * is fsynced after the copy, and the directories too, so that a copy WAL-logged as done is on disk.
 */
final class DatabaseFiles {

    private DatabaseFiles() {
    }

    static Path directory(Path dataDirectory, int database) {
        return dataDirectory.resolve("base").resolve(Integer.toUnsignedString(database));
    }

    /** The relation file numbers with a file in {@code dir} (from names like 16384, 16384_fsm, 16384.1). */
    static List<Integer> relations(Path dir) {
        TreeSet<Long> numbers = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                int end = 0;
                while (end < name.length() && Character.isDigit(name.charAt(end))) {
                    end++;
                }
                if (end > 0 && end <= 10) {
                    long number = Long.parseLong(name.substring(0, end));
                    if (number > 0 && number <= 0xFFFF_FFFFL) {
                        numbers.add(number);
                    }
                }
            }
        } catch (IOException e) {
            throw new StorageException(StorageException.IO_ERROR, "could not read directory \"" + dir + "\": "
                    + e.getMessage(), e);
        }
        List<Integer> result = new ArrayList<>();
        numbers.forEach(n -> result.add((int) (long) n));
        return result;
    }

    /**
     * Copies every file of {@code source} into {@code target} (replacing a previous copy, as redo may
     * find one) and fsyncs them, the target directory and its parent. The caller has written out the
     * source's dirty buffers.
     */
    static void copy(Path source, Path target) {
        try {
            if (Files.exists(target)) {
                remove(target);
            }
            Files.createDirectories(target);
            if (Files.isDirectory(source)) {
                try (Stream<Path> files = Files.list(source)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        if (Files.isRegularFile(file)) {
                            Path copy = target.resolve(file.getFileName());
                            Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                            fsync(copy, false);
                        }
                    }
                }
            }
            fsync(target, true);
            fsync(target.getParent(), true);
        } catch (IOException e) {
            throw new StorageException(StorageException.IO_ERROR, "could not copy directory \"" + source + "\" to \""
                    + target + "\": " + e.getMessage(), e);
        }
    }

    /** The sum of the sizes of the regular files in {@code dir}, -1 if it does not exist. */
    static long size(Path dir) {
        if (!Files.isDirectory(dir)) {
            return -1;
        }
        try (var files = Files.list(dir)) {
            long total = 0;
            for (Path f : (Iterable<Path>) files::iterator) {
                try {
                    if (Files.isRegularFile(f)) {
                        total += Files.size(f);
                    }
                } catch (java.nio.file.NoSuchFileException gone) {
                    // dropped meanwhile, as db_dir_size skips a file that vanished
                }
            }
            return total;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Removes the directory and everything in it (what is left after the storage manager unlinked the relations). */
    static void remove(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
            fsync(dir.getParent(), true);
        } catch (IOException e) {
            throw new StorageException(StorageException.IO_ERROR, "could not remove directory \"" + dir + "\": "
                    + e.getMessage(), e);
        }
    }

    private static void fsync(Path path, boolean directory) throws IOException {
        try (FileChannel channel = FileChannel.open(path, directory ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            if (!directory) {
                throw e;
            }
            // Some file systems cannot open or fsync a directory; PostgreSQL ignores that too.
        }
    }
}
