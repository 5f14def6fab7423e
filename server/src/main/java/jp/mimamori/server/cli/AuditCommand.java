package jp.mimamori.server.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import jp.mimamori.server.audit.AuditLog;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./mimamori audit verify}: walks the audit log's hash chain (the server's administrator). */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Audit log tools.",
        subcommands = {AuditCommand.Verify.class})
public final class AuditCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Recompute every audit row's hash from its content and its predecessor's hash.",
                "Exit code 0 when the chain is intact; 1 and the id of the first row that does not match when someone changed the log behind the application's back."})
    static final class Verify extends DatabaseCommand {

        @Override
        int run(ConfigurableApplicationContext ctx, PrintWriter out) {
            AuditLog.Verification v = ctx.getBean(AuditLog.class).verify();
            if (v.intact()) {
                out.printf("監査ログは正常です（%,d 行）/ the audit chain is intact (%,d rows)%n", v.rowsChecked(), v.rowsChecked());
                return 0;
            }
            long id = v.firstBrokenId().orElseThrow();
            out.printf("改ざんを検出しました: 行 %d 以降のハッシュが一致しません / the audit chain is broken at row %d (id %d): "
                    + "its content or its predecessor was changed outside the application%n", id, id, id);
            return 1;
        }
    }
}
