package io.geoingest.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Forwards a loopback port to another address: lets a test reach the local PostgreSQL as if it
 * were a different server, since geoingest refuses connector imports from its own database.
 * {@link #refusingSsl} plays a PostgreSQL server without SSL: it answers PostgreSQL's
 * SSLRequest with 'N' itself, whatever the real server supports. {@link #cut} plays a network
 * that drops every connection and refuses new ones until {@link #restore}; {@link #blackhole}
 * one that leaves new ones unanswered, as when packets to a dead server are lost.
 */
public final class TcpForwarder implements AutoCloseable {
    /** PostgreSQL's SSLRequest: length 8, code 80877103. */
    private static final byte[] SSL_REQUEST = {0, 0, 0, 8, 0x04, (byte) 0xd2, 0x16, 0x2f};

    private final ServerSocket server;
    private final boolean refuseSsl;
    /** Both ends of every forwarded connection still open. */
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    /** While cut: new connections are held unanswered rather than closed. */
    private volatile boolean holdNew;

    public TcpForwarder(String targetHost, int targetPort) throws IOException {
        this(targetHost, targetPort, false);
    }

    public static TcpForwarder refusingSsl(String targetHost, int targetPort) throws IOException {
        return new TcpForwarder(targetHost, targetPort, true);
    }

    private TcpForwarder(String targetHost, int targetPort, boolean refuseSsl) throws IOException {
        this.refuseSsl = refuseSsl;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    if (cut) {
                        if (holdNew) {
                            open.add(client);
                        } else {
                            client.close();
                        }
                        continue;
                    }
                    Socket target = new Socket(targetHost, targetPort);
                    open.add(client);
                    open.add(target);
                    if (cut) { // cut while this one was connecting
                        closeAll();
                        continue;
                    }
                    if (this.refuseSsl) {
                        answerSslRequest(client, target);
                    }
                    pump(client, target);
                    pump(target, client);
                } catch (IOException e) {
                    // The forwarder was closed, or one connection broke (cut): the others go on.
                }
            }
        }, "tcp-forwarder");
        accept.setDaemon(true);
        accept.start();
    }

    /** Reads the client's first message: an SSLRequest gets 'N', anything else goes on to the target. */
    private static void answerSslRequest(Socket client, Socket target) throws IOException {
        byte[] first = client.getInputStream().readNBytes(8);
        if (Arrays.equals(first, SSL_REQUEST)) {
            client.getOutputStream().write('N');
            client.getOutputStream().flush();
        } else {
            target.getOutputStream().write(first);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Closes every connection, and every new one at once, until {@link #restore}. */
    public void cut() {
        cutOff(false);
    }

    /** Closes every connection, and leaves new ones unanswered until {@link #restore}. */
    public void blackhole() {
        cutOff(true);
    }

    private void cutOff(boolean hold) {
        holdNew = hold;
        cut = true;
        closeAll();
    }

    /** Forwards new connections again; those held unanswered are closed, so that their clients retry. */
    public void restore() {
        closeAll();
        cut = false;
    }

    private void closeAll() {
        open.forEach(TcpForwarder::closeQuietly);
        open.clear();
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // one side closed: close both below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-forwarder-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
