package jp.mimamori.server.db;

import java.io.IOException;
import java.io.StringReader;
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
            con.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(data.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("一括書き込みに失敗しました / bulk write failed: " + e.getMessage(), e);
        }
    }
}
