package jp.mimamori.server.outreach;

import java.util.HashSet;
import java.util.Set;
import jp.mimamori.server.assess.TrainingLabels;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** outreach's port for the assessment's training labels: the children an outreach connected to support (CONNECTED outcome). */
@Component
public class OutreachLabels implements TrainingLabels {

    private final JdbcClient jdbc;

    public OutreachLabels(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<String> connected() {
        return new HashSet<>(jdbc.sql("select person_id from outreach_item where outcome = 'CONNECTED'").query(String.class).list());
    }
}
