// Profile helpers: the two-factor set-up address drawn as a QR code (qrcode-generator from npm, drawn in the browser:
// the secret never leaves the page), and a Copy button for a new API token.
(function () {
    "use strict";
    document.querySelectorAll("[data-qr-text]").forEach(function (box) {
        if (typeof window.qrcode !== "function") { return; }
        var code = window.qrcode(0, "M");
        code.addData(box.getAttribute("data-qr-text"));
        code.make();
        var img = document.createElement("img");
        img.src = code.createDataURL(5, 4);
        img.alt = box.getAttribute("data-qr-label") || "QR code";
        img.className = "qr-code";
        box.appendChild(img);
    });

    document.querySelectorAll("[data-copy-from]").forEach(function (button) {
        var field = document.getElementById(button.getAttribute("data-copy-from"));
        var status = document.querySelector("[data-copy-status]");
        if (!field) { return; }
        button.hidden = false;
        button.addEventListener("click", function () {
            function done(text) { if (status) { status.textContent = text; } }
            field.select();
            if (navigator.clipboard && navigator.clipboard.writeText) {
                navigator.clipboard.writeText(field.value).then(
                    function () { done("Copied. Keep it somewhere safe."); },
                    function () { done("Could not copy: the token is selected, copy it with your keyboard or menu."); });
            } else {
                done("The token is selected: copy it with your keyboard or menu.");
            }
        });
    });
}());
