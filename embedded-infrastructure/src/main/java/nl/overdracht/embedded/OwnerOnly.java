package nl.overdracht.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Directories and files of the embedded run that only its owner may read: directories 0700, files
 * 0600 (the development keys, PostgreSQL's data and Kafka's log). On a file system without POSIX
 * permissions the file system's own access rules apply.
 */
final class OwnerOnly {

    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnly() {
    }

    /**
     * Creates {@code directory} as 0700, or narrows it to 0700 if it is there already: every
     * directory this is called for belongs to the embedded run. Missing parents are created 0700
     * too; a parent that exists is left as it is (it may be the user's own, or {@code /tmp}).
     */
    static Path directory(Path directory) {
        try {
            if (!Files.isDirectory(directory)) {
                create(directory.toAbsolutePath());
            }
            restrict(directory, DIRECTORY);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the directory " + directory, e);
        }
    }

    /** Creates a missing directory and its missing parents as 0700, and nothing else. */
    static Path create(Path directory) {
        try {
            if (Files.isDirectory(directory)) {
                return directory;
            }
            Path parent = directory.toAbsolutePath().getParent();
            if (parent != null) {
                create(parent);
            }
            if (POSIX) {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(DIRECTORY));
                restrict(directory, DIRECTORY); // the umask may have narrowed the mode; never widened
            } else {
                Files.createDirectory(directory);
            }
            return directory;
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the directory " + directory, e);
        }
    }

    /**
     * Writes {@code text} to {@code file} as 0600, in its directory made 0700: first to a temporary
     * file created 0600 (never readable by others, not even for a moment), then moved into place in
     * one step, so a crash leaves either no file or the whole one.
     */
    static void write(Path file, String text) {
        Path directory = directory(file.toAbsolutePath().getParent());
        try {
            FileAttribute<?>[] attributes = POSIX
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
                    : new FileAttribute<?>[0];
            Path temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp", attributes);
            try {
                Files.writeString(temporary, text, StandardCharsets.US_ASCII);
                try {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException notAtomic) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /** Narrows an existing file of the embedded run to 0600 (one written by an earlier version may be wider). */
    static void file(Path file) {
        try {
            restrict(file, FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not restrict " + file + " to its owner", e);
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (POSIX && !Files.getPosixFilePermissions(path).equals(permissions)) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }
}
