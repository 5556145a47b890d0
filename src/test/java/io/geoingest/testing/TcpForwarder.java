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
 * outage: open connections drop, and new ones are accepted but never answered (as when packets
 * to a dead server are lost) until {@link #restore}.
 */
public final class TcpForwarder implements AutoCloseable {
    /** PostgreSQL's SSLRequest: length 8, code 80877103. */
    private static final byte[] SSL_REQUEST = {0, 0, 0, 8, 0x04, (byte) 0xd2, 0x16, 0x2f};

    private final ServerSocket server;
    private final boolean refuseSsl;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;

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
                    open.add(client);
                    if (cut) {
                        continue; // held unanswered until restore()
                    }
                    Socket target = new Socket(targetHost, targetPort);
                    open.add(target);
                    if (this.refuseSsl) {
                        answerSslRequest(client, target);
                    }
                    pump(client, target);
                    pump(target, client);
                } catch (IOException closed) {
                    return;
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

    /** From now on nothing gets through: open connections are closed, new ones hang. */
    public void cut() {
        cut = true;
        closeAll();
    }

    /** Connections get through again; those held while cut are closed, so their clients retry. */
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
