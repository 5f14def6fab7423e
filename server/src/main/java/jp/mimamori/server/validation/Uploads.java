package jp.mimamori.server.validation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What every upload (アップロード) needs, whichever feature receives it (ingest's extracts, the centre's
 * Excel ledgers): a size limit enforced while the bytes arrive, the limit as people read it, and the
 * uploaded name made safe to show.
 */
public final class Uploads {

    private Uploads() {
    }

    /** An upload larger than its limit; what was written of it is already deleted. */
    public static final class TooLarge extends RuntimeException {
        public TooLarge(long max) {
            super("ファイルが大きすぎます（上限 " + size(max) + "）/ the file is larger than the limit of " + size(max));
        }
    }

    /** A size as people read it: 1 GiB, 50 MiB, 4 KiB. */
    public static String size(long bytes) {
        return bytes >= 1L << 30 && bytes % (1L << 30) == 0 ? (bytes >> 30) + " GiB" : bytes >= 1L << 20 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
    }

    /** Streams an upload to {@code target}, refusing it (and deleting what was written) beyond {@code maxBytes}. */
    public static void copy(InputStream in, Path target, long maxBytes) throws IOException {
        try (in; var out = Files.newOutputStream(target)) {
            byte[] buf = new byte[1 << 16];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    out.close();
                    Files.deleteIfExists(target);
                    throw new TooLarge(maxBytes);
                }
                out.write(buf, 0, n);
            }
        }
    }

    /** The name shown in reports: the last path segment only, without control characters. */
    public static String displayName(String original) {
        if (original == null || original.isBlank()) {
            return "upload.csv";
        }
        String n = original.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}]", "");
        return n.isBlank() ? "upload.csv" : n.length() > 200 ? n.substring(0, 200) : n;
    }
}
