package io.actorpreload.localstack.internals;

import io.actorpreload.localstack.LocalStackException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Port helpers, all on 127.0.0.1. Stateless and thread-safe. */
public final class Ports {
    public static final String LOOPBACK = "127.0.0.1";

    private Ports() {}

    /**
     * A port that was free on 127.0.0.1 a moment ago. Another process may take it before the child
     * binds it; the child then fails to start and says so in its log.
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getByName(LOOPBACK))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LocalStackException("No free port on " + LOOPBACK + ": " + e.getMessage(), e);
        }
    }

    /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
    public static boolean isAccepting(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
