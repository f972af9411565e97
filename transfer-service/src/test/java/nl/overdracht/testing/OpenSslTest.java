package nl.overdracht.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** Where the interoperability tests find openssl, and what a machine without it does to them. */
class OpenSslTest {

    @TempDir
    Path dir;

    @Test
    void openssl_is_found_on_the_path_wherever_it_is_installed() throws IOException {
        // Given an executable openssl in a directory of PATH that is not /usr/bin
        Path bin = Files.createDirectories(dir.resolve("elsewhere/bin"));
        Path openssl = Files.writeString(bin.resolve("openssl"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(openssl, PosixFilePermissions.fromString("rwxr-xr-x"));

        // When it is looked for, after a directory without one
        OpenSsl found = OpenSsl.require(Map.of("PATH", dir + java.io.File.pathSeparator + bin));

        // Then that one is used
        assertThat(found.executable()).isEqualTo(openssl);
    }

    @Test
    void a_missing_openssl_skips_the_test_with_the_reason_outside_ci() {
        Throwable outcome = catchThrowable(() -> OpenSsl.require(Map.of("PATH", dir.toString())));

        assertThat(outcome).isInstanceOf(TestAbortedException.class).hasMessageContaining("openssl is not on PATH");
    }

    @Test
    void a_missing_openssl_fails_the_test_on_ci() {
        Throwable outcome = catchThrowable(() -> OpenSsl.require(Map.of("PATH", dir.toString(), "CI", "true")));

        assertThat(outcome).isInstanceOf(AssertionError.class).hasMessageContaining("CI is set");
    }

    @Test
    void a_file_named_openssl_that_cannot_be_run_is_not_openssl() throws IOException {
        Files.writeString(dir.resolve("openssl"), "not a program");
        Files.setPosixFilePermissions(dir.resolve("openssl"), PosixFilePermissions.fromString("rw-r--r--"));

        Throwable outcome = catchThrowable(() -> OpenSsl.require(Map.of("PATH", dir.toString(), "CI", "1")));

        assertThat(outcome).isInstanceOf(AssertionError.class).hasMessageContaining("openssl is not on PATH");
    }
}
