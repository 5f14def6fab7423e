package jp.mimamori.server.db;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.datasource.DataSourceUtils;

/** PostgreSQL COPY FROM STDIN on the transaction's own connection: bulk writes that commit or roll back with it. */
public final class Copy {

    /** Rows are sent in chunks of about this many characters. */
    private static final int CHUNK = 1 << 16;

    private Copy() {
    }

    /** Runs {@code sql} (a COPY … FROM STDIN) with {@code data}; nothing when there is no data. */
    public static void in(DataSource dataSource, String sql, CharSequence data) {
        if (data.length() == 0) {
            return;
        }
        Connection con = DataSourceUtils.getConnection(dataSource);
        try {
            // Read in place: at a million residents the data is hundreds of MiB, and toString() would copy it.
            con.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, reader(data));
        } catch (SQLException | IOException e) {
            throw failed(e);
        }
    }

    /**
     * Starts {@code sql} (a COPY … FROM STDIN WITH (FORMAT csv)) to be written row by row: only a chunk of
     * rows is held at a time, so a table of millions of rows is written without building its text. Call
     * {@link Rows#end()} when every row is written; closing without it cancels the COPY (and the
     * transaction rolls back as for any failure). The connection runs nothing else until then.
     */
    public static Rows rows(DataSource dataSource, String sql) {
        Connection con = DataSourceUtils.getConnection(dataSource);
        try {
            return new Rows(con.unwrap(PGConnection.class).getCopyAPI().copyIn(sql));
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** A COPY in progress, written a row at a time. */
    public static final class Rows implements AutoCloseable {
        private final CopyIn copy;
        private final StringBuilder chunk = new StringBuilder(CHUNK + 1024);
        private long rows;
        private boolean ended;

        private Rows(CopyIn copy) {
            this.copy = copy;
        }

        /** One row; null is NULL, anything else is written as its text. */
        public void row(Object... values) {
            csv(chunk, values);
            rows++;
            if (chunk.length() >= CHUNK) {
                send();
            }
        }

        /** Ends the COPY and returns the rows written. */
        public long end() {
            send();
            ended = true;
            try {
                copy.endCopy();
            } catch (SQLException e) {
                throw failed(e);
            }
            return rows;
        }

        private void send() {
            if (chunk.isEmpty()) {
                return;
            }
            // Chunks end at a row's end, so no character is split between two of them.
            byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
            chunk.setLength(0);
            try {
                copy.writeToCopy(bytes, 0, bytes.length);
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        @Override
        public void close() {
            if (!ended && copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException e) {
                    // The COPY's own failure is the one to report; the transaction rolls back either way.
                }
            }
        }
    }

    /** Appends one CSV line of {@code values} as COPY reads it: every value quoted, null as nothing. */
    public static void csv(StringBuilder b, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            Object v = values[i];
            if (v != null) {
                b.append('"').append(v.toString().replace("\"", "\"\"")).append('"');
            }
        }
        b.append('\n');
    }

    private static IllegalStateException failed(Exception e) {
        return new IllegalStateException("一括書き込みに失敗しました / bulk write failed: " + e.getMessage(), e);
    }

    /** A reader over the characters as they are, without copying them. */
    static Reader reader(CharSequence data) {
        return new Reader() {
            private int at;

            @Override
            public int read(char[] buf, int off, int len) {
                if (at >= data.length()) {
                    return -1;
                }
                int n = Math.min(len, data.length() - at);
                if (data instanceof StringBuilder sb) {
                    sb.getChars(at, at + n, buf, off);
                } else {
                    for (int i = 0; i < n; i++) {
                        buf[off + i] = data.charAt(at + i);
                    }
                }
                at += n;
                return n;
            }

            @Override
            public void close() {
            }
        };
    }
}
