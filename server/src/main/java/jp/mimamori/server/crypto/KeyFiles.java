package jp.mimamori.server.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.StringUtils;

/**
 * A 32-byte secret from configuration (base64), or, where none is configured, generated once into a
 * file under the data folder readable by its owner only. Never from the repository.
 */
public final class KeyFiles {

    private static final Logger log = LoggerFactory.getLogger(KeyFiles.class);

    private KeyFiles() {
    }

    public static byte[] key(String configured, String setting, Path file) {
        return StringUtils.hasText(configured) ? decode(configured.strip(), setting) : fromFile(file, setting);
    }

    static byte[] decode(String base64, String where) {
        byte[] k;
        try {
            k = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + " はbase64ではありません / " + where + " is not base64");
        }
        if (k.length != 32) {
            throw new IllegalStateException(where + " は32バイトの鍵が必要です（" + k.length + "バイト）/ " + where + " must hold a 32-byte key, found " + k.length);
        }
        return k;
    }

    private static byte[] fromFile(Path file, String setting) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] k = new byte[32];
                new SecureRandom().nextBytes(k);
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                Files.writeString(tmp, Base64.getEncoder().encodeToString(k) + "\n", StandardCharsets.US_ASCII);
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system: the folder's own permissions protect it
                }
                Files.move(tmp, file);
                Arrays.fill(k, (byte) 0);
                log.warn("鍵を生成しました / generated a key at {}: keep it apart from database backups, or set {}", file, setting);
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("鍵を読めません / cannot read the key " + file, e);
        }
    }
}
