package io.geoingest.sources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The TCP ports this process listens on, read from Linux's {@code /proc}: the LISTEN sockets of
 * {@code /proc/self/net/tcp} and {@code tcp6} whose inode is one of this process's file
 * descriptors ({@code /proc/self/fd/N -> socket:[inode]}). The tables list the sockets of every
 * process of the network namespace; the descriptors tell which are this one's. Read anew each
 * time: a route may open a port at any moment. Empty where there is no {@code /proc}.
 */
@Component
public class ProcessListeningPorts {
    private static final Path PROC = Path.of("/proc/self");
    private static final List<String> TABLES = List.of("net/tcp", "net/tcp6");
    private static final String LISTEN = "0A";
    private static final String SOCKET_LINK = "socket:[";

    /** The ports now; empty when {@code /proc} cannot be read. */
    public Set<Integer> ports() {
        Set<String> inodes = socketInodes();
        Set<Integer> ports = new HashSet<>();
        if (inodes.isEmpty()) {
            return ports;
        }
        for (String table : TABLES) {
            List<String> lines;
            try {
                lines = Files.readAllLines(PROC.resolve(table));
            } catch (IOException e) {
                continue; // no IPv6 on this machine, or no /proc
            }
            // "sl local_address rem_address st ... uid timeout inode ...", after a header line
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.strip().split("\\s+");
                if (f.length > 9 && f[3].equals(LISTEN) && inodes.contains(f[9])) {
                    String local = f[1];
                    ports.add(Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    /** The inodes of this process's sockets. */
    private static Set<String> socketInodes() {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(PROC.resolve("fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith(SOCKET_LINK)) {
                        inodes.add(target.substring(SOCKET_LINK.length(), target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed since it was listed
                }
            });
        } catch (IOException e) {
            return Set.of();
        }
        return inodes;
    }
}
