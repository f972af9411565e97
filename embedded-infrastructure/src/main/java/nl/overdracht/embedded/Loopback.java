package nl.overdracht.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** The loopback address every embedded server listens on, and free ports on it. */
public final class Loopback {

    /** The address the embedded servers bind to and their URLs name. */
    public static final String HOST = "127.0.0.1";

    private Loopback() {
    }

    /** A port on {@link #HOST} that was free a moment ago. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return socket.getLocalPort();
        }
    }
}
