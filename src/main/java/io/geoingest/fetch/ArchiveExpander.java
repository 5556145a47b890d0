package io.geoingest.fetch;

import io.geoingest.kernel.DataFile;
import io.geoingest.formats.FormatResolver;
import io.geoingest.kernel.ImportContext;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Expands an uploaded or downloaded archive into the files to import.
 *
 * <p>By extension: {@code .zip}, {@code .tar}, {@code .tar.gz}/{@code .tgz}, and {@code .gz}
 * (gunzipped to the name without {@code .gz}); a name without extension is recognised by its
 * first bytes. Archives found inside are expanded too, two levels down. Only regular files
 * are extracted: directories, symbolic and hard links, devices, {@code __MACOSX/} and hidden
 * ({@code .x}, {@code ._x}) entries and empty files are skipped. Paths are flattened into
 * {@code dir} and names sanitised, so no entry can write elsewhere; clashing names get a
 * {@code _1} suffix on disk, one per dataset, so a Shapefile's parts keep one base name.
 *
 * <p>The seed's limit of 10 files per archive counts datasets: files of one directory sharing
 * a base name ({@code a.shp}, {@code a.shx}, {@code a.dbf}, {@code a.prj}) are one, and all
 * its files are returned. The first 10 datasets in name order are kept, the rest skipped and
 * logged (and, for an import, named in its warning {@code tables_left_out}). The bytes written may not exceed {@code geoingest.download.max-expanded-bytes}.
 *
 * <p>Errors ({@link ImportException}), after which nothing extracted is left: an encrypted
 * zip entry 1018; a corrupt or truncated archive 1003; nothing to import 1005; past the byte
 * budget 6666; a local write failure 1000.
 */
@Component
public class ArchiveExpander {
    private static final Logger log = LoggerFactory.getLogger(ArchiveExpander.class);

    private final long maxExpandedBytes;

    public ArchiveExpander(DownloadProperties properties) {
        this.maxExpandedBytes = properties.maxExpandedBytes().toBytes();
    }

    /**
     * The files in {@code file}, extracted into {@code dir} (created if missing), or just
     * {@code file} when it is not an archive. The archive itself is left where it is.
     */
    public List<DataFile> expand(DataFile file, Path dir) {
        return expand(file, dir, names -> { });
    }

    /**
     * As {@link #expand(DataFile, Path)} into the import's directory; the datasets left out by
     * the limit that some format would read are named in the warning {@code tables_left_out}
     * (see {@link ImportContext#leftOut(List)}).
     */
    public List<DataFile> expandImport(DataFile file, ImportContext ctx) {
        return expand(file, ctx.workDir(), ctx::leftOut);
    }

    private List<DataFile> expand(DataFile file, Path dir, Consumer<List<String>> leftOut) {
        ArchiveKind kind;
        try {
            kind = ArchiveKind.of(file.originalName(), file.path());
            if (kind == ArchiveKind.NONE) {
                return List.of(file);
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ImportException(ErrorCode.FILE_IO, "Could not read " + file.originalName(), e);
        }
        Expansion expansion = new Expansion(dir, maxExpandedBytes);
        try {
            expansion.expand(file.path(), file.originalName(), kind, "", 0);
        } catch (ImportException e) {
            expansion.discard();
            throw e;
        } catch (IOException e) {
            expansion.discard();
            throw new ImportException(ErrorCode.DECOMPRESSION,
                    "Could not expand " + file.originalName() + ": " + e.getMessage(), e);
        }
        List<DataFile> files = expansion.files();
        if (files.isEmpty()) {
            throw new ImportException(ErrorCode.EMPTY_FILE, file.originalName() + " holds no file to import");
        }
        if (expansion.skipped() > 0) {
            log.info("{}: kept the first {} datasets, skipped {} more files", file.originalName(),
                    Expansion.MAX_DATASETS, expansion.skipped());
            // One name per dataset: its member a format reads (a.shp rather than a.dbf).
            List<String> tables = expansion.leftOut().stream()
                    .flatMap(names -> names.stream().sorted().filter(FormatResolver::mayBeRead).limit(1))
                    .toList();
            if (!tables.isEmpty()) {
                leftOut.accept(tables);
            }
        }
        return files;
    }
}
