package jp.mimamori.server.cases;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import jp.mimamori.server.access.CentreOnly;
import jp.mimamori.server.validation.FieldError;
import jp.mimamori.server.validation.InvalidInputException;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.crypto.FieldCipher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 添付 (attachments) of a case: PDF, JPEG or PNG up to {@code mimamori.cases.attachment-max-bytes}
 * (10 MiB), the type read from the file's first bytes (a file named .pdf that is not one is refused),
 * stored encrypted with its name; every upload and download audited. Whoever may open the case may
 * attach to it and read its attachments (a restricted case's: only its caseworker and supervisors).
 */
@Service
@CentreOnly
public class CaseAttachments {

    public record Attachment(long id, String caseNo, String fileName, String description, String contentType, long size, String uploadedBy,
                             OffsetDateTime uploadedAt) {

        /** The size as staff read it. */
        public String sizeText() {
            return size < 1024 ? size + " B" : size < 1024 * 1024 ? (size / 1024) + " KB" : String.format("%.1f MB", size / 1048576.0);
        }
    }

    public record File(String fileName, String contentType, byte[] bytes) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final FieldCipher cipher;
    private final CaseLookup cases;
    private final long maxBytes;

    public CaseAttachments(JdbcClient jdbc, AuditLog audit, FieldCipher cipher, CaseLookup cases,
                           @Value("${mimamori.cases.attachment-max-bytes:10485760}") long maxBytes) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.cipher = cipher;
        this.cases = cases;
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** What the bytes are, by their signature; null when none of the accepted types. */
    static String sniff(byte[] b) {
        if (b.length >= 5 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F' && b[4] == '-') {
            return "application/pdf";
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return "image/jpeg";
        }
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 0x0D && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) {
            return "image/png";
        }
        return null;
    }

    @Transactional
    public long upload(Actor actor, String caseNo, String fileName, byte[] bytes, String description) {
        CaseFiles.Summary s = cases.find(actor, caseNo);
        List<FieldError> errors = new java.util.ArrayList<>();
        String type = bytes == null ? null : sniff(bytes);
        if (bytes == null || bytes.length == 0) {
            errors.add(new FieldError("file", "ファイルを選んでください（空のファイルは添付できません）", "choose a file (an empty file cannot be attached)"));
        } else if (bytes.length > maxBytes) {
            errors.add(new FieldError("file", "ファイルが大きすぎます（上限 " + (maxBytes / 1048576) + " MB）", "the file is too large (at most " + (maxBytes / 1048576) + " MB)"));
        } else if (type == null) {
            errors.add(new FieldError("file", "添付できるのは PDF・JPEG・PNG のファイルです", "only PDF, JPEG and PNG files may be attached"));
        }
        String name = fileName == null ? "" : fileName.replaceAll("[\\\\/\\p{Cntrl}]", "_").strip();
        if (name.isEmpty() || name.length() > 200) {
            name = name.isEmpty() ? "attachment" : name.substring(name.length() - 200);
        }
        if (description != null && description.length() > 500) {
            errors.add(new FieldError("description", "説明は500文字以内で入力してください", "the description must be at most 500 characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        long id = jdbc.sql("""
                insert into case_attachment (case_id, file_name_enc, description_enc, content_type, size_bytes, sha256, content_enc, uploaded_by)
                values (:c, :n, :d, :t, :s, :h, :b, :by) returning id""")
                .param("c", s.id()).param("n", cipher.encrypt(name)).param("d", cipher.encrypt(description == null || description.isBlank() ? null : description.strip()))
                .param("t", type).param("s", (long) bytes.length).param("h", sha256(bytes)).param("b", cipher.encryptBytes(bytes))
                .param("by", actor.name()).query(Long.class).single();
        audit.record(actor.event(AuditAction.CASE_UPDATED, "case:" + s.caseNo(), "attachment " + id + " uploaded (" + type + ", " + bytes.length + " bytes)"));
        return id;
    }

    @Transactional
    public File download(Actor actor, String caseNo, long id) {
        CaseFiles.Summary s = cases.find(actor, caseNo);
        File f = jdbc.sql("select file_name_enc, content_type, content_enc from case_attachment where id = :id and case_id = :c")
                .param("id", id).param("c", s.id())
                .query((rs, i) -> new File(cipher.decrypt(rs.getBytes(1)), rs.getString(2), cipher.decryptBytes(rs.getBytes(3)))).optional()
                .orElseThrow(() -> new ChildNotFoundException("attachment " + id));
        audit.record(actor.event(AuditAction.CASE_VIEWED, "case:" + s.caseNo(), "attachment " + id + " downloaded"));
        return f;
    }

    /** A case's attachments (without their bytes), newest first, for the case page (which audits itself). */
    @Transactional
    public List<Attachment> forCase(Actor actor, String caseNo) {
        CaseFiles.Summary s = cases.find(actor, caseNo);
        return list(actor, "a.case_id = :v", s.id());
    }

    /** The attachments of a child's cases this person may see, for its timeline (which audits the page). */
    List<Attachment> forSubject(Actor actor, long subjectId) {
        return list(actor, "c.child_id = :v and " + CaseLookup.VISIBLE, subjectId);
    }

    private List<Attachment> list(Actor actor, String where, long value) {
        return jdbc.sql("""
                select a.id, c.case_no, a.file_name_enc, a.description_enc, a.content_type, a.size_bytes, a.uploaded_by, a.uploaded_at
                from case_attachment a join case_file c on c.id = a.case_id where %s order by a.uploaded_at desc, a.id desc""".formatted(where))
                .param("v", value).param("me", actor.name()).param("sup", actor.supervises())
                .query((rs, i) -> new Attachment(rs.getLong(1), rs.getString(2), cipher.decrypt(rs.getBytes(3)), cipher.decrypt(rs.getBytes(4)),
                        rs.getString(5), rs.getLong(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class)))
                .list();
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
