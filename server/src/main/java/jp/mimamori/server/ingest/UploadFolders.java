package jp.mimamori.server.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Every place an upload waits on disk is under {@code DATA/uploads/}: the API's and the page's
 * extracts ({@link UploadStore}), the centre's Excel ledgers while previewed, and the servlet
 * container's multipart parts ({@code DATA/uploads/parts/}, instead of a fresh folder under /tmp at
 * every start that nothing would ever clean). A process killed with SIGKILL in the middle of an
 * upload cannot delete its file, so the web application empties the folder when it starts, before
 * it accepts a request, and writes to the log and the audit log how many files it removed.
 *
 * <p>Only the web application sweeps: it is the only process that writes there, and a command run
 * beside a server on the same data folder (possible with an external database) must not delete the
 * file of an upload the server is loading.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class UploadFolders implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(UploadFolders.class);

    private final UploadStore store;
    private final AuditLog audit;

    public UploadFolders(UploadStore store, AuditLog audit) {
        this.store = store;
        this.audit = audit;
    }

    /** The folder the servlet container writes multipart parts to, under the uploads folder. */
    static Path parts(Path uploads) {
        return uploads.resolve("parts");
    }

    /**
     * Points the multipart parts at {@code DATA/uploads/parts} (absolute: the container would read a
     * relative location against its own temporary folder), unless a location is configured.
     */
    @Bean
    static BeanPostProcessor multipartPartsInUploads(Environment env) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) throws BeansException {
                if (bean instanceof org.springframework.boot.servlet.autoconfigure.MultipartProperties p
                        && (p.getLocation() == null || p.getLocation().isBlank())) {
                    Path dir = parts(Path.of(env.getProperty("mimamori.data-dir", "./data")).resolve("uploads")).toAbsolutePath().normalize();
                    try {
                        Files.createDirectories(dir);
                    } catch (IOException e) {
                        throw new UncheckedIOException("アップロード用フォルダを作れません / cannot create " + dir, e);
                    }
                    p.setLocation(dir.toString());
                }
                return bean;
            }
        };
    }

    /** After every bean (the schema migrated, the audit log ready) and before the web server accepts requests. */
    @Override
    public void afterSingletonsInstantiated() {
        Swept s = sweep(store.dir());
        if (s.files() > 0) {
            log.info("前回の停止で残ったアップロードを {} 件（{} bytes）削除しました / removed {} upload file(s) ({} bytes) left by an interrupted run",
                    s.files(), s.bytes(), s.files(), s.bytes());
            audit.record(new AuditLog.Event("system", null, AuditAction.UPLOADS_SWEPT, "uploads", null,
                    s.files() + " leftover upload file(s), " + s.bytes() + " bytes, removed at start: " + String.join(" ", s.names()), null));
        }
        if (!s.failed().isEmpty()) {
            log.warn("削除できないアップロードがあります / could not remove {} file(s) under {}: {}", s.failed().size(), store.dir(), s.failed());
        }
    }

    record Swept(int files, long bytes, List<String> names, List<String> failed) {
    }

    /** Removes every file under {@code uploads} (keeping the folder and its parts folder); says what it removed. */
    static Swept sweep(Path uploads) {
        List<String> names = new java.util.ArrayList<>();
        List<String> failed = new java.util.ArrayList<>();
        long bytes = 0;
        try {
            Files.createDirectories(parts(uploads));
            try (Stream<Path> all = Files.walk(uploads)) {
                // Deepest first, so that a folder a part left behind is empty when its turn comes.
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    if (p.equals(uploads) || p.equals(parts(uploads))) {
                        continue;
                    }
                    try {
                        var attrs = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                        boolean dir = attrs.isDirectory();
                        long size = dir ? 0 : attrs.size();
                        Files.delete(p);
                        if (!dir) {
                            names.add(uploads.relativize(p).toString());
                            bytes += size;
                        }
                    } catch (IOException e) {
                        failed.add(uploads.relativize(p) + ": " + e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("アップロード用フォルダを確認できません / cannot check " + uploads, e);
        }
        return new Swept(names.size(), bytes, names, failed);
    }
}
