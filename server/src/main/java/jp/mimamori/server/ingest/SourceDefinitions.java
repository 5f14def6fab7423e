package jp.mimamori.server.ingest;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import jp.mimamori.core.extract.DefinitionLoader;
import jp.mimamori.core.source.SourceSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The source definitions in force: the ones shipped in the jar (classpath sources/*.yml), each
 * replaced by a file of the same source in {@code mimamori.sources.dir} when the city has its own.
 * A broken definition stops the start with the file and key named.
 */
@Component
public class SourceDefinitions {

    private static final Logger log = LoggerFactory.getLogger(SourceDefinitions.class);

    private final Map<SourceSystem, DefinitionLoader.Loaded> bySource = new EnumMap<>(SourceSystem.class);

    public SourceDefinitions(@Value("${mimamori.sources.dir:}") String overrideDir) throws IOException {
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath:sources/*.yml")) {
            try (Reader in = new InputStreamReader(r.getInputStream(), StandardCharsets.UTF_8)) {
                put(DefinitionLoader.load("sources/" + r.getFilename(), in));
            }
        }
        if (!overrideDir.isBlank()) {
            Path dir = Path.of(overrideDir);
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("定義フォルダがありません / mimamori.sources.dir is not a folder: " + dir.toAbsolutePath());
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.yml")) {
                for (Path f : files) {
                    try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                        DefinitionLoader.Loaded d = DefinitionLoader.load(f.toString(), in);
                        put(d);
                        log.info("source definition {} from {}", d.definition().source().code(), f);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
    }

    private void put(DefinitionLoader.Loaded d) {
        bySource.put(d.definition().source(), d);
    }

    public Optional<DefinitionLoader.Loaded> get(SourceSystem s) {
        return Optional.ofNullable(bySource.get(s));
    }
}
