package jp.mimamori.server.ingest;

import jakarta.servlet.http.HttpServletRequest;
import jp.mimamori.server.ingest.IngestApiController.ApiError;
import jp.mimamori.server.validation.Uploads;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Uploads refused before anything is stored, each with a message in Japanese and English: too large
 * (413), an upload that broke off mid-stream (400, its partial file already deleted), a multipart body that cannot be read, e.g. sent without its boundary (400), and for the API a
 * body that is not a CSV (415). In one advice on purpose: Spring picks the most specific handler within
 * an advice, so the oversize case (a MultipartException too) keeps its own answer.
 */
@ControllerAdvice
public class UploadErrors {

    @ExceptionHandler({MaxUploadSizeExceededException.class, Uploads.TooLarge.class})
    @ResponseStatus(HttpStatus.PAYLOAD_TOO_LARGE)
    public String tooLarge(Exception e, Model model) {
        model.addAttribute("status", 413);
        model.addAttribute("detail", e instanceof Uploads.TooLarge ? e.getMessage()
                : "ファイルが大きすぎます / the file is larger than the upload limit");
        return "error";
    }

    @ExceptionHandler(UploadStore.Interrupted.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    public String interrupted(UploadStore.Interrupted e, Model model) {
        model.addAttribute("status", 400);
        model.addAttribute("detail", e.getMessage());
        return "error";
    }

    private static final String BAD_MULTIPART_JA = "アップロードの形式が読めません（multipart/form-data の境界 boundary がないか、本文が壊れています）";
    private static final String BAD_MULTIPART_EN = "the upload cannot be read: multipart/form-data without its boundary, or a damaged body";

    @ExceptionHandler(MultipartException.class)
    public Object unreadableMultipart(HttpServletRequest request) {
        if (api(request)) {
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(new ApiError(BAD_MULTIPART_JA, BAD_MULTIPART_EN));
        }
        ModelAndView page = new ModelAndView("error");
        page.setStatus(HttpStatus.BAD_REQUEST);
        page.addObject("status", 400);
        page.addObject("detail", BAD_MULTIPART_JA + " / " + BAD_MULTIPART_EN);
        return page;
    }

    /** The API takes the extract as the request body (text/csv); anything else is named, not answered with Spring's English default. */
    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public Object unsupportedType(HttpServletRequest request, HttpMediaTypeNotSupportedException e) throws HttpMediaTypeNotSupportedException {
        if (!api(request)) {
            throw e;
        }
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).contentType(MediaType.APPLICATION_JSON).body(new ApiError(
                "抽出ファイルは本文として送ってください（Content-Type: text/csv、application/octet-stream または text/plain）",
                "send the extract as the request body with Content-Type text/csv, application/octet-stream or text/plain"));
    }

    private static boolean api(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }
}
