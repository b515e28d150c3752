// A field's error message goes as soon as the field is changed to something that could be right (filled in when it is
// required, not longer than allowed), instead of staying until the next submit. The server still checks everything.
(function () {
    "use strict";
    function couldBeRight(field) {
        var value = field.type === "checkbox" ? (field.checked ? "on" : "") : (field.value || "").trim();
        if (field.getAttribute("aria-required") === "true" && value === "") { return false; }
        var max = parseInt(field.getAttribute("maxlength") || "", 10);
        return !(max > 0 && value.length > max);
    }

    document.querySelectorAll("form .is-invalid, form [aria-invalid='true']").forEach(function (field) {
        if (!field.id) { return; }
        var first = field.type === "checkbox" ? field.checked : field.value;
        function update() {
            var now = field.type === "checkbox" ? field.checked : field.value;
            if (now === first || !couldBeRight(field)) { return; }
            field.classList.remove("is-invalid");
            field.removeAttribute("aria-invalid");
            // The message is the element the field names as its "-error" description (or, failing that, id-error).
            var ids = (field.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (id) { return /-error$/.test(id); });
            if (ids.length === 0) { ids = [field.id + "-error"]; }
            ids.forEach(function (id) {
                var message = document.getElementById(id);
                if (message) { message.textContent = ""; }
            });
        }
        field.addEventListener("input", update);
        field.addEventListener("change", update);
    });
}());
