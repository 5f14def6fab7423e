package jp.mimamori.server.ingest;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/** An oversized or broken-off upload is refused with a clear message; nothing is stored (the partial file is already deleted). */
@ControllerAdvice
public class UploadErrors {

    @ExceptionHandler({MaxUploadSizeExceededException.class, UploadStore.TooLarge.class})
    @ResponseStatus(HttpStatus.PAYLOAD_TOO_LARGE)
    public String tooLarge(Exception e, Model model) {
        model.addAttribute("status", 413);
        model.addAttribute("detail", e instanceof UploadStore.TooLarge ? e.getMessage()
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
}
