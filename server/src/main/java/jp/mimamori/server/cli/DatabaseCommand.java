package jp.mimamori.server.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.MimamoriApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

/** A command that works on the database: {@code --data-dir}, the application without its web layer, closed afterwards. */
abstract class DatabaseCommand implements Callable<Integer> {

    /** Who a command acts as: the machine's user, as the audit names it ({@code cli:<user>}). */
    static String actor() {
        return "cli:" + System.getProperty("user.name");
    }

    /** The command as the audit names it: a job run by the machine's user with the ADMIN role. */
    static Actor job() {
        return Actor.job(actor(), Role.ADMIN);
    }

    @CommandLine.Mixin
    DataDirOption data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        try (ConfigurableApplicationContext ctx = context(data)) {
            return run(ctx, spec.commandLine().getOut());
        }
    }

    abstract int run(ConfigurableApplicationContext ctx, PrintWriter out) throws Exception;

    static ConfigurableApplicationContext context(DataDirOption data) {
        return new SpringApplicationBuilder(MimamoriApplication.class).web(WebApplicationType.NONE)
                .run("--mimamori.data-dir=" + data.dir.toAbsolutePath(), "--spring.main.log-startup-info=false");
    }
}
