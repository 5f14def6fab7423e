package jp.mimamori.server.ingest;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.access.UserAccount;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Component;

/**
 * Loads every extract of a folder that has a manifest.csv (source, file, …, month), as the synthetic
 * city writes it and as a scheduled batch job would drop it; writes each load's problems next to
 * the data folder's reports.
 */
@Component
public class FolderIngest {

    public record Entry(SourceSystem source, YearMonth month, Path file) {
    }

    private final IngestService service;
    private final IngestRepository repository;

    public FolderIngest(IngestService service, IngestRepository repository) {
        this.service = service;
        this.repository = repository;
    }

    public static List<Entry> manifest(Path dir) {
        Path m = dir.resolve("manifest.csv");
        if (!Files.isRegularFile(m)) {
            throw new IllegalArgumentException("manifest.csv がありません / no manifest.csv in " + dir
                    + " (use --source and --month with a single file)");
        }
        List<Entry> entries = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(m, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                String code = rec.get("source");
                SourceSystem s = SourceSystem.fromCode(code).orElseThrow(() -> new IllegalArgumentException(
                        "manifest.csv 行 " + (rec.getRecordNumber() + 1) + ": 不明なデータ種別 / unknown source '" + code + "'"));
                YearMonth month;
                try {
                    month = YearMonth.parse(rec.get("month"));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("manifest.csv 行 " + (rec.getRecordNumber() + 1) + ": month は YYYY-MM / month must be YYYY-MM");
                }
                entries.add(new Entry(s, month, dir.resolve(rec.get("file"))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    public LoadReport load(UserAccount actor, Entry e, IngestService.Progress progress) {
        if (!Files.isRegularFile(e.file())) {
            throw new IllegalArgumentException("ファイルがありません / no such file: " + e.file());
        }
        return service.load(actor, e.source(), e.month(), e.file().getFileName().toString(), e.file(), progress);
    }

    /** Writes the load's problems as CSV under {@code reportsDir}; returns the file. */
    public Path writeProblems(LoadReport r, Path reportsDir) {
        try {
            Files.createDirectories(reportsDir);
            Path f = reportsDir.resolve("load-" + r.id() + "-" + r.source() + "-problems.csv");
            try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
                ProblemsCsv.write(repository, r, w);
            }
            return f;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public List<jp.mimamori.core.extract.Problem> problems(LoadReport r, int limit) {
        return repository.problems(r.id(), limit);
    }
}
