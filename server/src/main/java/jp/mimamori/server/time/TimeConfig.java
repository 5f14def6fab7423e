package jp.mimamori.server.time;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock of the application, in the city's time zone ({@code mimamori.zone}, default
 * Asia/Tokyo). Every "today", every "this month" and every time shown to staff comes from it, never
 * from the server's own zone or the database session's: a server or a managed database set to UTC
 * would otherwise date a consultation taken at 05:14 in Tokyo on the previous day. Tests replace it
 * with a fixed clock (a {@code @Primary} bean) to check the hours around midnight.
 */
@Configuration(proxyBeanMethods = false)
public class TimeConfig {

    public static final String DEFAULT_ZONE = "Asia/Tokyo";

    @Bean
    public Clock clock(@Value("${mimamori.zone:" + DEFAULT_ZONE + "}") String zone) {
        return Clock.system(zone(zone));
    }

    /** The zone a setting names; a misspelt one stops the start with the setting named, rather than silently falling back to UTC. */
    public static ZoneId zone(String name) {
        try {
            return ZoneId.of(name == null ? "" : name.strip());
        } catch (DateTimeException e) {
            throw new IllegalStateException("mimamori.zone のタイムゾーンが不正です: '" + name + "'（例: Asia/Tokyo）/ mimamori.zone is not a time zone: '"
                    + name + "' (e.g. Asia/Tokyo)", e);
        }
    }
}
