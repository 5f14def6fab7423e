package jp.mimamori.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.MimamoriTest;
import jp.mimamori.server.TestUsers;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.validation.Uploads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.DelegatingServletInputStream;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Issue 16: an uploaded extract is deleted on every path, and nothing of a refused or broken-off upload stays on disk. */
@MimamoriTest
class UploadsLeaveNothingTest {

    @Autowired MockMvc mvc;
    @Autowired TestUsers users;
    @Autowired UploadStore store;

    /** Every file under DATA/uploads (the parts folder is kept empty, not removed). */
    List<Path> leftovers() throws IOException {
        if (!Files.isDirectory(store.dir())) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(store.dir())) {
            return all.filter(Files::isRegularFile).toList();
        }
    }

    byte[] fixture(String name) throws Exception {
        return Files.readAllBytes(Path.of(getClass().getResource(name).toURI()));
    }

    /** The request body breaks off after some bytes, as when the client is killed or the network drops mid-upload. */
    static RequestPostProcessor brokenOffAfter(byte[] body, int bytes) {
        return req -> {
            MockHttpServletRequest b = new MockHttpServletRequest(req.getServletContext(), req.getMethod(), req.getRequestURI()) {
                @Override
                public jakarta.servlet.ServletInputStream getInputStream() {
                    return new DelegatingServletInputStream(new InputStream() {
                        final InputStream in = new ByteArrayInputStream(body, 0, bytes);

                        @Override
                        public int read() throws IOException {
                            int c = in.read();
                            if (c < 0) {
                                throw new IOException("Connection reset by peer");
                            }
                            return c;
                        }
                    });
                }
            };
            for (String h : Collections.list(req.getHeaderNames())) {
                for (String v : Collections.list(req.getHeaders(h))) {
                    b.addHeader(h, v);
                }
            }
            b.setParameters(req.getParameterMap());
            b.setContentType(req.getContentType());
            b.setRemoteAddr(req.getRemoteAddr());
            return b;
        };
    }

    @Test
    void aRejectedFileARefusedUploadAndABrokenOffUploadLeaveNoFileBehind() throws Exception {
        String clerk = users.ensure("t-juki-leftover", Role.DEPT_UPLOADER, SourceSystem.JUKI);
        assertThat(leftovers()).isEmpty();

        var rejected = mvc.perform(post("/api/ingest/juki").param("month", "2026-03").contentType("text/csv").content(fixture("/broken/juki-header-only.csv"))
                .with(httpBasic(clerk, TestUsers.PASSWORD))).andReturn().getResponse();
        assertThat(rejected.getStatus()).isEqualTo(422);
        assertThat(leftovers()).as("a rejected file").isEmpty();

        var otherSource = mvc.perform(post("/api/ingest/zei").param("month", "2026-03").contentType("text/csv").content(fixture("/juki-good.csv"))
                .with(httpBasic(clerk, TestUsers.PASSWORD))).andReturn().getResponse();
        assertThat(otherSource.getStatus()).isEqualTo(403);
        assertThat(leftovers()).as("an upload refused for another department's source").isEmpty();

        byte[] good = fixture("/juki-good.csv");
        var broken = mvc.perform(post("/api/ingest/juki").param("month", "2026-03").contentType("text/csv").content(good)
                .with(httpBasic(clerk, TestUsers.PASSWORD)).with(brokenOffAfter(good, good.length / 2))).andReturn().getResponse();
        assertThat(broken.getStatus()).isEqualTo(400);
        assertThat(broken.getContentAsString(StandardCharsets.UTF_8)).contains("途中で途切れました", "broke off");
        assertThat(leftovers()).as("half an extract from an upload that broke off").isEmpty();

        var page = mvc.perform(multipart("/dept/upload").file(new MockMultipartFile("file", "x.csv", "text/csv", fixture("/broken/juki-truncated.csv")))
                .param("month", "2026-03").session(TestUsers.signIn(mvc, clerk)).with(csrf())).andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(302);
        assertThat(leftovers()).as("a file rejected through the page").isEmpty();
    }

    @Test
    void theStoreDeletesWhatItWroteWhenTheUploadFailsOrIsTooLarge(@TempDir Path dir) {
        UploadStore small = new UploadStore(dir, 10);
        assertThatThrownBy(() -> small.save(new ByteArrayInputStream(new byte[11]))).isInstanceOf(Uploads.TooLarge.class);
        assertThatThrownBy(() -> small.save(new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (n++ < 5) {
                    return 'x';
                }
                throw new IOException("reset");
            }
        })).isInstanceOf(UploadStore.Interrupted.class).hasMessageContaining("途切れました");
        assertThat(dir.resolve("uploads").toFile().list()).isEmpty();
    }
}
