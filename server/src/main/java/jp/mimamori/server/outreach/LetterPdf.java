package jp.mimamori.server.outreach;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Lays out an outreach letter (通知文) on A4 paper: address block, date, sender, title, body and
 * contact, in BIZ UDゴシック embedded as a subset so the letter prints the same anywhere. Lines break by
 * width with the usual 禁則 (no line starts with 、。」) etc.). A character the font lacks (a rare 外字 in a
 * name) is printed as 〓, the mark Japanese offices use for "write this one by hand".
 */
final class LetterPdf {

    /** What goes on the page, every placeholder already filled. */
    record Content(String postcode, String address, String addressee, String date, String title, String body, String sender, String contact) {
    }

    static final String FONT = "/fonts/400Regular/BIZUDGothic_400Regular.ttf";
    private static final String NO_LINE_START = "、。，．・：；？！ー）」』】〕｝〉》ぁぃぅぇぉっゃゅょァィゥェォッャュョ々…";
    private static final float MARGIN = 72;
    private static final float TOP = PDRectangle.A4.getHeight() - 64;
    private static final float BOTTOM = 64;

    private final byte[] font;
    private final CmapLookup cmap;

    /** The font is read (4.5 MB) when the first letter is made, not at every start of the server or a command. */
    private static final class Holder {
        static final LetterPdf INSTANCE = new LetterPdf();
    }

    static LetterPdf instance() {
        return Holder.INSTANCE;
    }

    private LetterPdf() {
        try (InputStream in = LetterPdf.class.getResourceAsStream(FONT)) {
            if (in == null) {
                throw new IllegalStateException("通知文のフォントが見つかりません / the letter font is missing from the build: " + FONT);
            }
            font = in.readAllBytes();
            TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(font));
            cmap = ttf.getUnicodeCmapLookup();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text with every character the font cannot print replaced by 〓; counts them in {@code missing}. */
    String printable(String text, int[] missing) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (cp == '\n' || cmap.getGlyphId(cp) != 0) {
                out.appendCodePoint(cp);
            } else {
                out.append('〓');
                missing[0]++;
            }
        });
        return out.toString();
    }

    byte[] render(Content c) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType0Font f = PDType0Font.load(doc, new ByteArrayInputStream(font), true);
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(c.title());
            info.setCreator("Mimamori");
            Writer w = new Writer(doc, f);
            w.right(c.date(), 10.5f);
            w.gap(10);
            if (!c.postcode().isBlank()) {
                w.paragraph("〒" + c.postcode(), 10.5f, 260);
            }
            w.paragraph(c.address(), 10.5f, 260);
            w.gap(6);
            w.paragraph(c.addressee() + "　様", 14, 300);
            w.gap(14);
            for (String line : c.sender().split("\n")) {
                w.right(line, 10.5f);
            }
            w.gap(24);
            w.centre(c.title(), 15);
            w.gap(18);
            for (String para : c.body().split("\n")) {
                w.paragraph(para.isBlank() ? "" : "　" + para.strip(), 11, w.width());
                w.gap(4);
            }
            w.gap(20);
            w.paragraph("【お問い合わせ】", 10.5f, w.width());
            for (String line : c.contact().split("\n")) {
                w.paragraph(line, 10.5f, w.width());
            }
            w.close();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes lines down the page, starting a new page when one is full. */
    private static final class Writer {
        private final PDDocument doc;
        private final PDType0Font font;
        private PDPageContentStream page;
        private float y;

        Writer(PDDocument doc, PDType0Font font) throws IOException {
            this.doc = doc;
            this.font = font;
            newPage();
        }

        float width() {
            return PDRectangle.A4.getWidth() - 2 * MARGIN;
        }

        private void newPage() throws IOException {
            if (page != null) {
                page.close();
            }
            PDPage p = new PDPage(PDRectangle.A4);
            doc.addPage(p);
            page = new PDPageContentStream(doc, p);
            y = TOP;
        }

        void gap(float points) {
            y -= points;
        }

        private void line(String text, float size, float x) throws IOException {
            if (y - size < BOTTOM) {
                newPage();
            }
            y -= size * 1.6f;
            page.beginText();
            page.setFont(font, size);
            page.newLineAtOffset(x, y);
            page.showText(text);
            page.endText();
        }

        private float measure(String text, float size) throws IOException {
            return font.getStringWidth(text) / 1000 * size;
        }

        void right(String text, float size) throws IOException {
            line(text, size, PDRectangle.A4.getWidth() - MARGIN - measure(text, size));
        }

        void centre(String text, float size) throws IOException {
            line(text, size, (PDRectangle.A4.getWidth() - measure(text, size)) / 2);
        }

        /** Breaks the text into lines no wider than {@code max}, keeping closing punctuation off the start of a line. */
        void paragraph(String text, float size, float max) throws IOException {
            if (text.isEmpty()) {
                line("", size, MARGIN);
                return;
            }
            List<String> lines = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            int[] cps = text.codePoints().toArray();
            for (int cp : cps) {
                String ch = new String(Character.toChars(cp));
                if (current.length() > 0 && measure(current + ch, size) > max && NO_LINE_START.indexOf(cp) < 0) {
                    lines.add(current.toString());
                    current.setLength(0);
                }
                current.append(ch);
            }
            lines.add(current.toString());
            for (String l : lines) {
                line(l, size, MARGIN);
            }
        }

        void close() throws IOException {
            page.close();
        }
    }
}
