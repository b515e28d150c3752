// Forms marked data-keep-draft never lose what was typed when the connection drops (a court corridor, a train):
// every change is kept on this device, the form is sent with fetch, and a failed send leaves the form as it is with a
// message saying so. The server stays the authority: a refused form is sent again normally so its messages show
// beside the fields (a refused form saves nothing, so sending it twice changes nothing).
(function () {
    "use strict";
    var storage;
    try { storage = window.localStorage; } catch (e) { storage = null; }

    function fields(form) {
        return Array.prototype.filter.call(form.elements, function (el) {
            return el.name && el.type !== "hidden" && el.type !== "submit" && el.type !== "button";
        });
    }

    function read(form) {
        var values = {};
        fields(form).forEach(function (el) {
            values[el.name] = el.type === "checkbox" ? el.checked : el.value;
        });
        return values;
    }

    function save(key, form) {
        if (!storage) { return; }
        try { storage.setItem(key, JSON.stringify({ savedAt: new Date().toISOString(), values: read(form) })); } catch (e) { /* full or private mode */ }
    }

    function clear(key) {
        if (storage) { try { storage.removeItem(key); } catch (e) { /* ignore */ } }
    }

    function say(status, text) {
        status.textContent = text;
        status.hidden = text === "";
    }

    document.querySelectorAll("form[data-keep-draft]").forEach(function (form) {
        var key = "draft:" + form.getAttribute("data-keep-draft");
        var status = form.querySelector("[data-draft-status]");
        var sending = false;

        // A draft left by a send that never arrived: put it back unless the server already re-rendered the form with
        // what was posted (then the page holds the latest values and its own messages).
        var stored = null;
        if (storage) { try { stored = JSON.parse(storage.getItem(key) || "null"); } catch (e) { stored = null; } }
        var serverRendered = form.querySelector(".is-invalid") !== null;
        if (stored && stored.values && !serverRendered) {
            fields(form).forEach(function (el) {
                if (!Object.prototype.hasOwnProperty.call(stored.values, el.name)) { return; }
                if (el.type === "checkbox") { el.checked = stored.values[el.name] === true; } else { el.value = stored.values[el.name]; }
            });
            if (status) { say(status, "What you typed earlier on this device has been put back. It has not been saved yet: check it and press the button again."); }
        }

        form.addEventListener("input", function () { save(key, form); });
        form.addEventListener("change", function () { save(key, form); });

        form.addEventListener("submit", function (event) {
            if (form.hasAttribute("data-send-natively")) { return; }
            event.preventDefault();
            if (sending) { return; }
            sending = true;
            save(key, form);
            var button = form.querySelector("[type=submit]");
            if (button) { button.disabled = true; }
            // A saved form answers with a redirect; it is not followed here, so the page it leads to (and its notice)
            // is loaded once, by the browser, at the address the form names.
            fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin", redirect: "manual" })
                .then(function (response) {
                    if (response.type === "opaqueredirect") {
                        clear(key);
                        window.location.assign(form.getAttribute("data-saved-url") || window.location.href);
                        return;
                    }

                    // Refused (the messages come with the page) or an error page: let the browser show the answer.
                    form.setAttribute("data-send-natively", "");
                    if (button) { button.disabled = false; }
                    form.requestSubmit ? form.requestSubmit(button || undefined) : form.submit();
                })
                .catch(function () {
                    sending = false;
                    if (button) { button.disabled = false; }
                    if (status) {
                        say(status, "No connection: nothing was saved. What you typed is still here and kept on this device; press the button again when you have signal.");
                        status.setAttribute("tabindex", "-1");
                        status.focus();
                    }
                });
        });
    });
}());
