// Upload progress for forms marked data-upload: sends the same multipart form with XMLHttpRequest
// and shows its progress; without JavaScript the form posts normally.
(function () {
    'use strict';
    document.querySelectorAll('form[data-upload]').forEach(function (form) {
        form.addEventListener('submit', function (event) {
            if (!window.XMLHttpRequest || !window.FormData) {
                return;
            }

            event.preventDefault();
            var box = form.querySelector('[data-upload-progress]');
            var bar = box ? box.querySelector('progress') : null;
            var status = box ? box.querySelector('[data-upload-status]') : null;
            if (box) {
                box.hidden = false;
            }

            var xhr = new XMLHttpRequest();
            xhr.open('POST', form.action);
            xhr.upload.addEventListener('progress', function (e) {
                if (e.lengthComputable && bar) {
                    var percent = Math.round((e.loaded / e.total) * 100);
                    bar.value = percent;
                    if (status) {
                        status.textContent = percent + ' %';
                    }
                }
            });
            xhr.addEventListener('load', function () {
                if (xhr.responseURL && xhr.responseURL !== form.action) {
                    window.location.assign(xhr.responseURL);
                    return;
                }

                document.open();
                document.write(xhr.responseText);
                document.close();
            });
            xhr.addEventListener('error', function () {
                form.submit();
            });
            form.querySelectorAll('button[type=submit]').forEach(function (b) { b.disabled = true; });
            xhr.send(new FormData(form));
        });
    });
}());
