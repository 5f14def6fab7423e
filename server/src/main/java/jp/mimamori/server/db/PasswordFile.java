package jp.mimamori.server.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A database password generated once into a file under {@code DATA/keys/}, readable by its owner only,
 * like the data key beside it. The file is the only copy: PostgreSQL keeps just a SCRAM verifier.
 */
public final class PasswordFile {

    private PasswordFile() {
    }

    /** The file of {@code role}'s password in {@code keysDir}. */
    public static Path of(Path keysDir, String role) {
        return keysDir.resolve("db-" + role + ".password");
    }

    /** Reads the password, generating it first when the file does not exist yet. */
    public static String readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                Path dir = file.getParent();
                Files.createDirectories(dir);
                ownerOnly(dir, "rwx------");
                byte[] b = new byte[32];
                new SecureRandom().nextBytes(b);
                // URL-safe base64 without padding: no quote, backslash or space, so it can stand in SQL and in a pgpass line.
                String pw = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                Files.writeString(tmp, pw + "\n", StandardCharsets.US_ASCII);
                ownerOnly(tmp, "rw-------");
                // Written whole, then renamed: a crash leaves either no file or a complete one.
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            }
            String pw = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (!pw.matches("[A-Za-z0-9_-]{16,200}")) {
                throw new IllegalStateException("パスワードファイルの内容が不正です / the password file " + file
                        + " is not a generated password (16 or more of A-Z a-z 0-9 _ -); restore it from your copy or see README");
            }
            return pw;
        } catch (IOException e) {
            throw new UncheckedIOException("パスワードファイルを読めません / cannot read or write the password file " + file, e);
        }
    }

    static void ownerOnly(Path p, String perms) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the folder's own permissions protect it
        }
    }
}
