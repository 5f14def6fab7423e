// Shows upload progress for large extracts, then follows the server's redirect to the load report.
// Without JavaScript the form still posts normally.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("upload-form");
  if (!form || !window.XMLHttpRequest || !window.FormData) { return; }
  var bar = document.getElementById("upload-progress");
  var label = document.getElementById("upload-status");
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) {
        bar.max = e.total; bar.value = e.loaded;
        label.textContent = "送信中 / uploading " + Math.round(e.loaded * 100 / e.total) + "%";
      }
    };
    xhr.upload.onload = function () {
      bar.removeAttribute("value");
      label.textContent = "検査・取込中… / checking and loading every row…";
    };
    xhr.onload = function () { window.location.href = xhr.responseURL; };
    xhr.onerror = function () { label.textContent = "送信に失敗しました / the upload failed"; };
    bar.hidden = false;
    form.querySelector("button").disabled = true;
    xhr.send(new FormData(form));
  });
});
