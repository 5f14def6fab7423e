package jp.mimamori.server.db;

import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;

/** PostgreSQL COPY FROM STDIN on the transaction's own connection: bulk writes that commit or roll back with it. */
public final class Copy {

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
            throw new IllegalStateException("一括書き込みに失敗しました / bulk write failed: " + e.getMessage(), e);
        }
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
