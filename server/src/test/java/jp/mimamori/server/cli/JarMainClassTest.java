package jp.mimamori.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The jar that {@code ./mimamori} runs starts the class the pom names; a package move that forgets the
 * pom builds and passes every other test, and only the launcher fails (ClassNotFoundException).
 */
class JarMainClassTest {

    @Test
    void thePomsMainClassIsTheCommandLine() throws IOException {
        Matcher m = Pattern.compile("<mainClass>([^<]+)</mainClass>").matcher(Files.readString(Path.of("pom.xml")));
        assertThat(m.find()).as("server/pom.xml names a mainClass").isTrue();
        assertThat(m.group(1)).isEqualTo(MimamoriCli.class.getName());
    }
}
