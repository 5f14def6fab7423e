package jp.mimamori.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import jp.mimamori.server.MimamoriApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The configuration the jar ships with (application.yml alone, without the tests' config/application.properties
 * that asks for throwaway speed) gives a durable database: what {@code ./mimamori serve}, {@code demo} and
 * every command run on.
 */
class ProductionDurabilityTest {

    @Test
    void theShippedConfigurationCommitsDurably() {
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(MimamoriApplication.class).web(WebApplicationType.NONE)
                .run("--spring.config.location=classpath:/application.yml", "--mimamori.data-dir=target/test-data-durability",
                        "--mimamori.db.embedded.clean=true", "--spring.main.log-startup-info=false")) {
            assertThat(ctx.getEnvironment().getProperty("mimamori.db.embedded.durable")).as("not switched off by the shipped configuration").isNull();
            JdbcClient jdbc = ctx.getBean(JdbcClient.class);
            assertThat(jdbc.sql("show synchronous_commit").query(String.class).single()).isEqualTo("on");
            assertThat(jdbc.sql("show fsync").query(String.class).single()).isEqualTo("on");
            assertThat(jdbc.sql("show full_page_writes").query(String.class).single()).isEqualTo("on");
        }
    }
}
