package nl.overdracht.platform;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The address a request comes from, as the HTTP layer sees it: the peer's, or the one a trusted
 * proxy forwards when {@code quarkus.http.proxy.*} says to believe it (Quarkus then reports that
 * one as the remote address). Nothing else reads forwarding headers.
 */
public final class ClientAddress {

    /** What stands for an address that cannot be told (a Unix socket, say). */
    public static final String UNKNOWN = "unknown";
    /** An IP literal only: anything else must never reach {@link InetAddress#getByName}, which would resolve it. */
    private static final Pattern LITERAL = Pattern.compile(
            "[0-9]{1,3}(\\.[0-9]{1,3}){3}|(?=.*:)[0-9A-Fa-f:.]{2,45}");

    private ClientAddress() {
    }

    /** The client's IP address as text, or {@value #UNKNOWN}. */
    public static String of(HttpServerRequest request) {
        SocketAddress remote = request == null ? null : request.remoteAddress();
        String host = remote == null ? null : remote.hostAddress();
        return host == null || host.isEmpty() ? UNKNOWN : host;
    }

    /**
     * The key a client's rate limit is kept under: an IPv4 address itself; for IPv6 its /64,
     * the block one host commonly holds, so that a host cannot step around its limit by rotating
     * through its own addresses.
     */
    public static String rateKey(String address) {
        InetAddress parsed = parse(address);
        return parsed == null ? UNKNOWN : parsed.getAddress().length == 4 ? parsed.getHostAddress()
                : network(parsed, 64);
    }

    /**
     * The network an address belongs to, as little as still tells one source of refusals from
     * another: an IPv4 address's /24, an IPv6 address's /48; {@value #UNKNOWN} for anything else.
     */
    public static String network(String address) {
        InetAddress parsed = parse(address);
        return parsed == null ? UNKNOWN : network(parsed, parsed.getAddress().length == 4 ? 24 : 48);
    }

    private static String network(InetAddress address, int bits) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - 8 * i));
            bytes[i] = (byte) (bytes[i] & (0xff << (8 - keep)));
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress() + "/" + bits;
        } catch (UnknownHostException e) {
            return UNKNOWN;
        }
    }

    private static InetAddress parse(String address) {
        if (address == null || !LITERAL.matcher(address).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
