package jp.mimamori.server.print;

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
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The centre's printed records (ケース概要 / case summary, 進行管理台帳 / progress register, 転出時の引継ぎ /
 * transfer summary): headings, label–value lines, wrapped paragraphs and tables on A4, in the same BIZ
 * UDゴシック the outreach letters embed (as a subset, so a page prints the same anywhere). Every page
 * carries the document's title, 取扱注意 (handle with care) and its page number, since a printed case
 * record leaves the system's access control the moment it is on paper.
 * A character the font lacks (a rare 外字) prints as 〓, as in the letters.
 */
public final class PrintedPdf implements AutoCloseable {

    /** The letters' font (outreach's LetterPdf reads the same resource). */
    static final String FONT = "/fonts/400Regular/BIZUDGothic_400Regular.ttf";
    private static final String NO_LINE_START = "、。，．・：；？！ー）」』】〕｝〉》ぁぃぅぇぉっゃゅょァィゥェォッャュョ々…";
    private static final float MARGIN = 48;

    private static final class Font {
        static final byte[] BYTES;
        static final CmapLookup CMAP;

        static {
            try (InputStream in = PrintedPdf.class.getResourceAsStream(FONT)) {
                if (in == null) {
                    throw new IllegalStateException("印刷用フォントが見つかりません / the print font is missing from the build: " + FONT);
                }
                BYTES = in.readAllBytes();
                TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(BYTES));
                CMAP = ttf.getUnicodeCmapLookup();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final PDDocument doc = new PDDocument();
    private final PDType0Font font;
    private final PDRectangle size;
    private final String header;
    private PDPageContentStream page;
    private int pages;
    private float y;

    /** A document on A4 (portrait, or landscape for wide registers) whose every page is headed by {@code header}. */
    public PrintedPdf(String title, String header, boolean landscape) {
        try {
            font = PDType0Font.load(doc, new ByteArrayInputStream(Font.BYTES), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        size = landscape ? new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth()) : PDRectangle.A4;
        this.header = header;
        doc.getDocumentInformation().setTitle(title);
        doc.getDocumentInformation().setCreator("Mimamori");
        newPage();
    }

    public float width() {
        return size.getWidth() - 2 * MARGIN;
    }

    /** The text with every character the font cannot print replaced by 〓. */
    public static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (cp == '\n') {
                out.append(' ');
            } else if (cp == '\t' || cp == '\r') {
                out.append(' ');
            } else if (Font.CMAP.getGlyphId(cp) != 0) {
                out.appendCodePoint(cp);
            } else {
                out.append('〓');
            }
        });
        return out.toString();
    }

    private void newPage() {
        try {
            if (page != null) {
                page.close();
            }
            PDPage p = new PDPage(size);
            doc.addPage(p);
            page = new PDPageContentStream(doc, p);
            pages++;
            y = size.getHeight() - 32;
            text(printable(header), 8, MARGIN, y);
            String no = "取扱注意 / confidential　" + pages + "頁";
            text(no, 8, size.getWidth() - MARGIN - measure(no, 8), y);
            y -= 14;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void text(String s, float fontSize, float x, float atY) throws IOException {
        page.beginText();
        page.setFont(font, fontSize);
        page.newLineAtOffset(x, atY);
        page.showText(s);
        page.endText();
    }

    private float measure(String s, float fontSize) throws IOException {
        return font.getStringWidth(s) / 1000 * fontSize;
    }

    private void room(float needed) {
        if (y - needed < 40) {
            newPage();
        }
    }

    public void gap(float points) {
        y -= points;
    }

    public void title(String s) {
        paragraph(s, 15);
        gap(6);
    }

    public void heading(String s) {
        room(40);
        gap(8);
        paragraph(s, 11.5f);
        try {
            page.moveTo(MARGIN, y - 2);
            page.lineTo(size.getWidth() - MARGIN, y - 2);
            page.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        gap(6);
    }

    /** A label and its value on one line (the value wrapped under itself). */
    public void field(String label, String value) {
        float labelWidth = 130;
        List<String> lines = wrap(printable(value), 9.5f, width() - labelWidth);
        room(lines.size() * 9.5f * 1.5f);
        try {
            float top = y;
            text(printable(label), 9.5f, MARGIN, top - 9.5f * 1.5f);
            for (String l : lines) {
                y -= 9.5f * 1.5f;
                text(l, 9.5f, MARGIN + labelWidth, y);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void paragraph(String s, float fontSize) {
        for (String l : wrap(printable(s), fontSize, width())) {
            room(fontSize * 1.6f);
            y -= fontSize * 1.6f;
            try {
                text(l, fontSize, MARGIN, y);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * A table: widths are shares of the page's width; each cell wraps within its column, and the header
     * row is repeated at the top of every page the table runs onto.
     */
    public void table(List<String> head, float[] shares, List<List<String>> rows, float fontSize) {
        float total = 0;
        for (float f : shares) {
            total += f;
        }
        float[] widths = new float[shares.length];
        for (int i = 0; i < shares.length; i++) {
            widths[i] = width() * shares[i] / total;
        }
        row(head, widths, fontSize, true, null);
        for (List<String> r : rows) {
            row(r, widths, fontSize, false, () -> row(head, widths, fontSize, true, null));
        }
        gap(4);
    }

    private void row(List<String> cells, float[] widths, float fontSize, boolean bold, Runnable onNewPage) {
        List<List<String>> wrapped = new ArrayList<>();
        int lines = 1;
        for (int i = 0; i < widths.length; i++) {
            List<String> w = wrap(printable(i < cells.size() ? cells.get(i) : ""), fontSize, widths[i] - 6);
            wrapped.add(w);
            lines = Math.max(lines, w.size());
        }
        float lineHeight = fontSize * 1.4f;
        float height = lines * lineHeight + 4;
        if (y - height < 40) {
            newPage();
            if (onNewPage != null) {
                onNewPage.run();
            }
        }
        try {
            float x = MARGIN;
            for (int i = 0; i < widths.length; i++) {
                page.addRect(x, y - height, widths[i], height);
                float ly = y;
                for (String l : wrapped.get(i)) {
                    ly -= lineHeight;
                    text(l, fontSize, x + 3, ly);
                }
                x += widths[i];
            }
            page.setLineWidth(bold ? 0.8f : 0.3f);
            page.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        y -= height;
    }

    /** Breaks text into lines no wider than {@code max}, keeping closing punctuation off the start of a line. */
    private List<String> wrap(String text, float fontSize, float max) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        try {
            for (int cp : text.codePoints().toArray()) {
                String ch = new String(Character.toChars(cp));
                if (current.length() > 0 && measure(current + ch, fontSize) > max && NO_LINE_START.indexOf(cp) < 0) {
                    lines.add(current.toString());
                    current.setLength(0);
                }
                current.append(ch);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lines.add(current.toString());
        return lines;
    }

    public byte[] bytes() {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            page.close();
            page = null;
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (page != null) {
                page.close();
            }
            doc.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
