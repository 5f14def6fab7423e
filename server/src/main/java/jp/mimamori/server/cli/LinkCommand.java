package jp.mimamori.server.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.identity.IdentityService;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./mimamori link} and {@code ./mimamori export-links FILE}: 名寄せ from the command line (the server's administrator). */
public final class LinkCommand {

    private LinkCommand() {
    }

    @Command(name = "link", mixinStandardHelpOptions = true,
            description = {"Link the records of every source's current load into persons (名寄せ) and give each a stable random ID.",
                "Persons keep their ID from the previous run; reviewers' decisions are respected; doubtful pairs go to the review queue."})
    public static final class Link extends DatabaseCommand {

        @picocli.CommandLine.Option(names = "--model", paramLabel = "FILE",
                description = "Score with this saved model (JSON, as --save-model writes) instead of learning one: train once, score monthly.")
        Path model;

        @picocli.CommandLine.Option(names = "--train", description = "Learn the model from the current loads (the default).")
        boolean train;

        @picocli.CommandLine.Option(names = "--save-model", paramLabel = "FILE", description = "Write the model this run used (JSON) to FILE.")
        Path saveModel;

        @picocli.CommandLine.Option(names = "--id-seed-from", paramLabel = "DIR",
                description = {"Compute new person and household IDs with the seed of the extract in DIR",
                    "(export-extracts), as `spark link` on it does, to compare this run's export-links",
                    "with the Spark run's links.csv. Default: a fresh random seed."})
        Path idSeedFrom;

        @Override
        int run(ConfigurableApplicationContext ctx, PrintWriter out) {
            long t0 = System.nanoTime();
            if (model != null && train) {
                throw new IllegalArgumentException("--model と --train は同時に指定できません / --model and --train exclude each other");
            }
            jp.mimamori.core.link.Model given = null;
            if (model != null) {
                try {
                    given = jp.mimamori.core.link.Model.fromJson(Files.readString(model, StandardCharsets.UTF_8));
                } catch (java.io.IOException e) {
                    throw new IllegalArgumentException("モデルファイルを読めません / cannot read the model file " + model + ": " + e.getMessage(), e);
                }
            }
            IdentityService identity = ctx.getBean(IdentityService.class);
            IdentityService.RunSummary s = identity.link(job(), given, idSeed(idSeedFrom));
            if (saveModel != null) {
                try {
                    Files.writeString(saveModel, identity.storedModel(s.runId()).orElseThrow().toJson(), StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    throw new IllegalArgumentException("モデルを書き出せません / cannot write the model to " + saveModel + ": " + e.getMessage(), e);
                }
            }
            out.printf("名寄せ完了 / linkage run %d: %,d records → %,d persons (%,d children); kept their ID %,d, new %,d; "
                            + "candidate pairs %,d, linked %,d, for review %,d; %.1f s%n",
                    s.runId(), s.records(), s.persons(), s.children(), s.keptPersons(), s.newPersons(), s.candidatePairs(),
                    s.matchedPairs(), s.reviewPairs(), (System.nanoTime() - t0) / 1e9);
            return 0;
        }
    }

    /** The extract's seed of new IDs, or a fresh random one. */
    static jp.mimamori.core.link.IdCarryOver.NewIds idSeed(Path extract) {
        if (extract == null) {
            return jp.mimamori.core.link.IdCarryOver.NewIds.random();
        }
        try {
            return jp.mimamori.core.link.IdCarryOver.NewIds.ofHex(jp.mimamori.core.link.IdentityFiles.readExtractInfo(
                    extract.resolve(jp.mimamori.core.link.IdentityFiles.EXTRACT_INFO)).idSeed());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("抽出の情報を読めません / cannot read " + extract.resolve(jp.mimamori.core.link.IdentityFiles.EXTRACT_INFO)
                    + ": " + e.getMessage(), e);
        }
    }

    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = {"Explain why a record belongs to its person in the latest linkage run: every record linked with it,",
                "each field's agreement level and how many bits it contributed. Shows named people: audited."})
    public static final class Explain extends DatabaseCommand {

        @Parameters(index = "0", paramLabel = "SOURCE", description = "Source code of the record (juki, zei, …).")
        String source;

        @Parameters(index = "1", paramLabel = "RECORD_ID", description = "The department's record number.")
        String recordId;

        @Override
        int run(ConfigurableApplicationContext ctx, PrintWriter out) {
            IdentityService.Explanation e = ctx.getBean(IdentityService.class).explain(job(), source, recordId);
            out.printf("%s:%s  %s  %s  %s  → person %s%n", source, recordId, e.record().name(), e.record().kana(), e.record().birth(), e.personId());
            if (e.mates().isEmpty()) {
                out.println("  この記録だけの人物です / no other record was linked with this one");
            }
            for (IdentityService.Mate m : e.mates()) {
                out.printf("  %s:%s  %s  一致確率 / match probability %.4f%n", m.record().source(), m.record().recordId(), m.record().name(), m.probability());
                for (jp.mimamori.core.link.Contribution c : m.contributions()) {
                    out.printf("      %-8s %-14s %+6.1f%n", c.labelJa(), c.levelJa(), c.bits());
                }
            }
            return 0;
        }
    }

    @Command(name = "export-links", mixinStandardHelpOptions = true,
            description = "Write the latest linkage run as CSV: source,source_record_id,person_id,child_id,household_id,match_probability.")
    public static final class Export extends DatabaseCommand {

        @Parameters(paramLabel = "FILE", description = "The CSV file to write (UTF-8).")
        Path file;

        @Override
        int run(ConfigurableApplicationContext ctx, PrintWriter out) throws Exception {
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                long n = ctx.getBean(IdentityService.class).exportLinks(job(), w);
                out.printf("%,d rows written to %s%n", n, file.toAbsolutePath());
                return 0;
            }
        }
    }

    @Command(name = "export-extracts", mixinStandardHelpOptions = true,
            description = {"Write exactly the records `link` would link now (DIR/link-records.csv),",
                "the reviewers' decisions (DIR/decisions.csv), every row and its record (DIR/link-rows.csv),",
                "earlier runs' identities (DIR/previous-identities.csv), the households (DIR/households.csv)",
                "and where the extract was taken, with the seed of new IDs (DIR/extract.properties):",
                "the input of `./mimamori spark link`; and what `assess` would assess now (DIR/assess-facts.csv,",
                "assess-rules.csv, assess-connected.csv, assess.properties): the input of `./mimamori spark assess`.",
                "Holds named people: audited."})
    public static final class ExportExtracts extends DatabaseCommand {

        @Parameters(paramLabel = "DIR", description = "The folder to write (created if missing).")
        Path dir;

        @Override
        int run(ConfigurableApplicationContext ctx, PrintWriter out) throws Exception {
            long n = ctx.getBean(IdentityService.class).exportExtracts(job(), dir);
            out.printf("%,d records written to %s%n", n, dir.resolve("link-records.csv").toAbsolutePath());
            exportAssessmentInputs(ctx, out);
            return 0;
        }

        /** The assessment's inputs beside the records (the input of {@code spark assess}); only once a linkage run exists. */
        private void exportAssessmentInputs(ConfigurableApplicationContext ctx, PrintWriter out) throws java.io.IOException {
            var assess = ctx.getBean(jp.mimamori.server.assess.AssessService.class);
            if (ctx.getBean(IdentityService.class).latestRun(-1).isEmpty()) {
                out.println("名寄せがまだないため評価用データは書きません / no linkage run yet: the assessment inputs are not written");
                return;
            }
            long facts = jp.mimamori.server.access.SystemActor.runAs(actor(), Role.ADMIN, () -> {
                try {
                    return assess.exportInputs(job(), dir);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            out.printf("%,d assessment facts written to %s%n", facts, dir.resolve(jp.mimamori.core.assess.AssessmentFiles.FACTS).toAbsolutePath());
        }
    }
}
