package io.geoingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.geoingest.kernel.DataFile;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.InvalidImportRequest;
import io.geoingest.sources.SourceAddressPolicy;
import io.geoingest.sources.TestPolicies;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

class UrlDownloaderTest {
    private static final String CSV = "name,lat,lon\nMadrid,40.4,-3.7\n";
    private static final int MAX_BYTES = 1024 * 1024;

    private static ExecutorService executor;
    private static HttpServer server;
    private static ServerSocket raw;
    private static String base;
    private static String rawBase;

    private final UrlDownloader downloader = downloader(Duration.ofSeconds(20));

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        executor = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", UrlDownloaderTest::serve);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        raw = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        rawBase = "http://127.0.0.1:" + raw.getLocalPort();
        executor.execute(UrlDownloaderTest::serveRaw);
    }

    @AfterEach
    void closeDownloader() {
        downloader.close();
    }

    @AfterAll
    static void stop() throws IOException {
        server.stop(0);
        raw.close();
        executor.shutdownNow();
    }

    @Test
    void downloadsWithContentLength() throws IOException {
        DataFile file = downloader.download(RemoteFile.of(base + "/files/data.csv?token=1"), dir).file();
        assertThat(file.originalName()).isEqualTo("data.csv");
        assertThat(file.path()).isEqualTo(dir.resolve("data.csv"));
        assertThat(Files.readString(file.path())).isEqualTo(CSV);
    }

    @Test
    void downloadsChunkedAndNamesByContentType() throws IOException {
        DataFile file = downloader.download(RemoteFile.of(base + "/chunked"), dir).file();
        assertThat(file.originalName()).isEqualTo("chunked.csv");
        assertThat(Files.size(file.path())).isEqualTo(300_000L);
        assertThat(downloader.download(RemoteFile.of(base + "/download"), dir).file().originalName()).isEqualTo("download.zip");
        assertThat(downloader.download(RemoteFile.of(base + "/export.php"), dir).file().originalName()).isEqualTo("export.php.csv");
        assertThat(downloader.download(RemoteFile.of(base + "/"), dir).file().originalName()).isEqualTo("download.csv");
    }

    @Test
    void namesByContentDispositionSafely() {
        assertThat(downloader.download(RemoteFile.of(base + "/export"), dir).file().originalName()).isEqualTo("report 2024.csv");
        assertThat(downloader.download(RemoteFile.of(base + "/export-utf8"), dir).file().originalName()).isEqualTo("日本.csv");
        assertThat(downloader.download(RemoteFile.of(base + "/export-hidden"), dir).file().originalName()).isEqualTo("passwd");
        assertThat(files(dir)).containsExactlyInAnyOrder("report 2024.csv", "日本.csv", "passwd");
    }

    @Test
    void aTakenNameGetsASuffixOnDisk() throws IOException {
        downloader.download(RemoteFile.of(base + "/files/data.csv"), dir).file();
        DataFile second = downloader.download(RemoteFile.of(base + "/files/data.csv"), dir).file();
        assertThat(second.originalName()).isEqualTo("data.csv");
        assertThat(second.path().getFileName().toString()).isEqualTo("data_1.csv");
    }

    @Test
    void followsRedirectsUpToTheLimit() throws IOException {
        DataFile file = downloader.download(RemoteFile.of(base + "/r1"), dir).file();
        assertThat(file.originalName()).isEqualTo("data.csv");
        assertThat(Files.readString(file.path())).isEqualTo(CSV);
        assertFails(base + "/loop", ErrorCode.DOWNLOAD);
        assertFails(base + "/to-file", ErrorCode.DOWNLOAD);
    }

    @Test
    void httpErrors() {
        assertFails(base + "/missing", ErrorCode.DOWNLOAD_NOT_FOUND);
        assertFails(base + "/gone", ErrorCode.DOWNLOAD_NOT_FOUND);
        assertFails(base + "/private", ErrorCode.DOWNLOAD_FORBIDDEN);
        assertFails(base + "/auth", ErrorCode.DOWNLOAD_FORBIDDEN);
        assertFails(base + "/error", ErrorCode.DOWNLOAD);
    }

    @Test
    void timeouts() {
        try (UrlDownloader impatient = downloader(Duration.ofMillis(700))) {
            assertFails(impatient, base + "/slow-body", ErrorCode.DOWNLOAD_TIMEOUT);
            assertFails(impatient, base + "/slow-headers", ErrorCode.DOWNLOAD_TIMEOUT);
        }
    }

    @Test
    void tooBigWithOrWithoutContentLength() {
        assertFails(base + "/big", ErrorCode.DATASET_TOO_BIG);
        assertFails(base + "/big-chunked", ErrorCode.DATASET_TOO_BIG);
    }

    @Test
    void bodiesCutShortOrReset() {
        assertFails(rawBase + "/cut-length", ErrorCode.DOWNLOAD);
        assertFails(rawBase + "/cut-chunked", ErrorCode.DOWNLOAD);
        assertFails(rawBase + "/reset", ErrorCode.DOWNLOAD);
    }

    @Test
    void unreachableServers() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        assertFails("http://127.0.0.1:" + closedPort + "/x.csv", ErrorCode.DOWNLOAD);
        assertFails("http://no-such-host.invalid/x.csv", ErrorCode.DOWNLOAD_UNKNOWN_SERVER);
    }

    @Test
    void metadataAddressesAreRefusedDirectlyAndAfterARedirect() {
        assertThat(refused(downloader, "http://169.254.169.254/latest/meta-data/")).contains("link-local");
        assertThat(refused(downloader, "http://[fe80::a9fe:a9fe]/")).contains("link-local");
        assertThat(refused(downloader, "http://0.0.0.0:" + server.getAddress().getPort() + "/files/data.csv"))
                .contains("unspecified");
        assertThat(refused(downloader, base + "/to-metadata"))
                .contains("http://169.254.169.254/latest/meta-data/iam/security-credentials/");
    }

    @Test
    void ambiguousIpv4HostsAreRefusedDirectlyAndAfterARedirect() {
        String octal = base.replace("127.0.0.1", "0177.0.0.1") + "/files/data.csv";
        assertThat(refused(downloader, octal)).contains(octal).endsWith("write 127.0.0.1");
        assertThat(refused(downloader, base + "/to-octal")).contains(octal).endsWith("write 127.0.0.1");
        assertThat(refused(downloader, base + "/to-hex")).contains("0x7f.0.0.1").endsWith("write 127.0.0.1");
        assertThat(refused(downloader, base.replace("127.0.0.1", "2130706433") + "/files/data.csv"))
                .endsWith("write 127.0.0.1");
    }

    @Test
    void theServiceDatabaseIsRefusedDirectlyAndAfterARedirect() {
        // This test's raw server stands in for geoingest's database.
        try (UrlDownloader guarded = downloader(Duration.ofSeconds(20),
                TestPolicies.serviceDatabaseAt("jdbc:postgresql://localhost:" + raw.getLocalPort() + "/geoingest"))) {
            assertThat(refused(guarded, rawBase + "/cut-length")).contains("geoingest's own database");
            assertThat(refused(guarded, base + "/to-raw")).contains("geoingest's own database");
            assertThat(guarded.download(RemoteFile.of(base + "/files/data.csv"), dir).file().originalName()).isEqualTo("data.csv");
        }
    }

    @Test
    void onlyHttpUrlsAreValid() {
        for (String url : List.of("file:///etc/passwd", "ftp://example.com/a.csv", "jar:file:/x.jar!/a.csv",
                "javascript:alert(1)", "//example.com/a.csv", "http:///nohost", "not a url", "  ")) {
            assertThatThrownBy(() -> downloader.validate(url)).as(url).isInstanceOf(InvalidImportRequest.class);
        }
        assertThatThrownBy(() -> downloader.validate(null)).isInstanceOf(InvalidImportRequest.class);
        assertThat(downloader.validate("HTTPS://Example.com/a.csv").getHost()).isEqualTo("Example.com");
        assertThat(downloader.validate(" https://example.com/my file.csv?q=a|b ").getRawPath())
                .isEqualTo("/my%20file.csv");
        assertFails("file:///etc/passwd", ErrorCode.DOWNLOAD);
    }

    /** The message of the 1101 that a refused address gets; no file is left behind. */
    private String refused(UrlDownloader d, String url) {
        Path into = dir.resolve("failed");
        try {
            d.download(RemoteFile.of(url), into).file();
        } catch (ImportException e) {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.DOWNLOAD_FORBIDDEN);
            assertThat(files(into)).isEmpty();
            return e.getMessage();
        }
        throw new AssertionError("downloaded " + url);
    }

    private void assertFails(String url, ErrorCode code) {
        assertFails(downloader, url, code);
    }

    private void assertFails(UrlDownloader d, String url, ErrorCode code) {
        Path into = dir.resolve("failed");
        assertThatThrownBy(() -> d.download(RemoteFile.of(url), into).file()).as(url)
                .isInstanceOf(ImportException.class)
                .extracting(e -> ((ImportException) e).code()).isEqualTo(code);
        assertThat(files(into)).as("no partial file after " + url).isEmpty();
    }

    private static UrlDownloader downloader(Duration timeout) {
        return downloader(timeout, TestPolicies.standard());
    }

    private static UrlDownloader downloader(Duration timeout, SourceAddressPolicy addresses) {
        return new UrlDownloader(new DownloadProperties(Duration.ofSeconds(5), timeout, 3,
                DataSize.ofBytes(MAX_BYTES), DataSize.ofGigabytes(1)), addresses);
    }

    private static List<String> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            switch (path) {
                case "/files/data.csv" -> send(ex, 200, "text/csv", CSV.getBytes(StandardCharsets.UTF_8), true);
                case "/chunked" -> send(ex, 200, "text/csv; charset=utf-8", new byte[300_000], false);
                case "/download" -> send(ex, 200, "application/zip", new byte[10], true);
                case "/export.php", "/" -> send(ex, 200, "text/csv", new byte[10], true);
                case "/export" -> disposition(ex, "attachment; filename=\"../../report 2024.csv\"");
                case "/export-utf8" -> disposition(ex, "attachment; filename*=UTF-8''%E6%97%A5%E6%9C%AC.csv");
                case "/export-hidden" -> disposition(ex, "attachment; filename=\"/etc/..passwd\"");
                case "/r1" -> redirect(ex, 302, "/r2");
                case "/r2" -> redirect(ex, 301, base + "/files/data.csv");
                case "/loop" -> redirect(ex, 307, "/loop");
                case "/to-file" -> redirect(ex, 302, "file:///etc/passwd");
                case "/to-metadata" -> redirect(ex, 302, "http://169.254.169.254/latest/meta-data/iam/security-credentials/");
                case "/to-octal" -> redirect(ex, 302, base.replace("127.0.0.1", "0177.0.0.1") + "/files/data.csv");
                case "/to-hex" -> redirect(ex, 302, base.replace("127.0.0.1", "0x7f.0.0.1") + "/files/data.csv");
                case "/to-raw" -> redirect(ex, 302, rawBase.replace("127.0.0.1", "[::1]") + "/cut-length"); // same machine
                case "/missing" -> send(ex, 404, "text/html", new byte[10], true);
                case "/gone" -> send(ex, 410, "text/html", new byte[10], true);
                case "/private" -> send(ex, 403, "text/html", new byte[10], true);
                case "/auth" -> send(ex, 401, "text/html", new byte[10], true);
                case "/error" -> send(ex, 500, "text/html", new byte[10], true);
                case "/big" -> send(ex, 200, "text/csv", new byte[2 * MAX_BYTES], true);
                case "/big-chunked" -> send(ex, 200, "text/csv", new byte[2 * MAX_BYTES], false);
                case "/slow-body" -> {
                    ex.sendResponseHeaders(200, 100);
                    ex.getResponseBody().write(new byte[10]);
                    ex.getResponseBody().flush();
                    sleep();
                }
                case "/slow-headers" -> sleep();
                default -> send(ex, 404, "text/plain", new byte[0], true);
            }
        } catch (IOException e) {
            // the client went away, as some tests make it
        }
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body, boolean withLength)
            throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, withLength ? body.length : 0);
        ex.getResponseBody().write(body);
    }

    private static void disposition(HttpExchange ex, String value) throws IOException {
        ex.getResponseHeaders().set("Content-Disposition", value);
        send(ex, 200, "application/octet-stream", CSV.getBytes(StandardCharsets.UTF_8), true);
    }

    private static void redirect(HttpExchange ex, int status, String location) throws IOException {
        ex.getResponseHeaders().set("Location", location);
        ex.sendResponseHeaders(status, -1);
    }

    private static void sleep() {
        try {
            Thread.sleep(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A bare socket server, for bodies that end in ways HttpServer will not produce. */
    private static void serveRaw() {
        while (!raw.isClosed()) {
            try (Socket s = raw.accept()) {
                String path = requestPath(s.getInputStream());
                OutputStream out = s.getOutputStream();
                String head = path.equals("/cut-chunked")
                        ? "HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\n3e8\r\n"
                        : "HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nContent-Length: 100000\r\n\r\n";
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.write(new byte[1000]);
                out.flush();
                if (path.equals("/reset")) {
                    s.setSoLinger(true, 0); // close with RST
                }
            } catch (IOException e) {
                // closed at the end of the tests
            }
        }
    }

    private static String requestPath(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.append((char) c);
        }
        return head.toString().split(" ", 3)[1];
    }
}
