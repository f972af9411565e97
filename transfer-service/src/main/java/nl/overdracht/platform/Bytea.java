package nl.overdracht.platform;

import io.vertx.core.buffer.Buffer;

/** Binds bytes to a PostgreSQL {@code bytea} parameter; {@code null} stays SQL NULL. */
public final class Bytea {

    private Bytea() {
    }

    public static Buffer of(byte[] bytes) {
        return bytes == null ? null : Buffer.buffer(bytes);
    }
}
