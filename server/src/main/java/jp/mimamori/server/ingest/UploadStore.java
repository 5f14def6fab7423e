package jp.mimamori.server.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.mimamori.server.validation.Uploads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where an uploaded file waits while it is loaded: a fresh file under the data folder with a name
 * of our own, so that the uploaded name (which may hold "../") never reaches the file system.
 *
 * <p>An extract is a whole population's personal data, so its copy lives no longer than the request:
 * the caller deletes it on every path (loaded, rejected, refused, failed), a failed or oversized
 * upload is deleted here before the error is raised (the limit is {@link Uploads}', shared with the
 * ledger import), and whatever a killed process left behind is removed at the next start
 * ({@link UploadFolders}).
 */
@Component
public class UploadStore {

    private static final Logger log = LoggerFactory.getLogger(UploadStore.class);

    private final Path dir;
    private final long maxBytes;

    public UploadStore(@Value("${mimamori.data-dir}") Path dataDir, @Value("${mimamori.upload.max-bytes:1073741824}") long maxBytes) {
        this.dir = dataDir.resolve("uploads");
        this.maxBytes = maxBytes;
    }

    /** An upload that broke off before its end (the client went away, the network failed): nothing was kept. */
    public static final class Interrupted extends RuntimeException {
        public Interrupted(IOException cause) {
            super("アップロードが途中で途切れました。もう一度登録してください / the upload broke off before its end; please upload the file again", cause);
        }
    }

    /** The folder uploads wait in (swept at start). */
    public Path dir() {
        return dir;
    }

    public Path save(InputStream in) {
        Path f;
        try {
            Files.createDirectories(dir);
            f = Files.createTempFile(dir, "upload-", ".csv");
        } catch (IOException e) {
            throw new UncheckedIOException("アップロードを保存できません / cannot store the upload", e);
        }
        try {
            Uploads.copy(in, f, maxBytes);
            return f;
        } catch (IOException e) {
            // A part of an extract is still personal data: it goes before the error is reported.
            delete(f);
            throw new Interrupted(e);
        } catch (RuntimeException | Error e) {
            delete(f);
            throw e;
        }
    }

    public void delete(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            // Not fatal for the request; the next start removes it (UploadFolders), and the log says which file waits.
            log.warn("アップロードの一時ファイルを削除できません（次回起動時に削除します）/ cannot delete the upload {} now; it is removed at the next start: {}",
                    f.getFileName(), e.getMessage());
        }
    }
}
