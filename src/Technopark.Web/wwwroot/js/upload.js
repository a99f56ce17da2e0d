// Upload progress for forms marked data-upload: sends the same multipart form with XMLHttpRequest
// and shows its progress; without JavaScript the form posts normally. The page the server answers
// with (the same page with a message next to the field, or the page it redirected to with its
// confirmation) replaces our <main>; the address follows, and the message gets the focus.
(function () {
    'use strict';

    function bind(root) {
        root.querySelectorAll('form[data-upload]').forEach(function (form) {
            form.addEventListener('submit', function (event) {
                if (!window.XMLHttpRequest || !window.FormData || !window.DOMParser) {
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
                    var page = new DOMParser().parseFromString(xhr.responseText, 'text/html');
                    var incoming = page.querySelector('main');
                    var main = document.querySelector('main');
                    if (!incoming || !main) {
                        window.location.reload();
                        return;
                    }

                    main.innerHTML = incoming.innerHTML;
                    document.title = page.title;
                    if (xhr.responseURL && xhr.responseURL !== form.action) {
                        window.history.replaceState(null, '', xhr.responseURL);
                    }

                    bind(main);
                    var message = main.querySelector('.alert-danger, .text-danger:not(:empty), .alert[role=status]');
                    var target = message || main;
                    if (!target.hasAttribute('tabindex')) {
                        target.setAttribute('tabindex', '-1');
                    }

                    target.focus();
                });
                xhr.addEventListener('error', function () {
                    form.submit();
                });
                form.querySelectorAll('button[type=submit]').forEach(function (b) { b.disabled = true; });
                xhr.send(new FormData(form));
            });
        });
    }

    bind(document);
}());
