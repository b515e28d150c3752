// The case page on a phone: a long case title is shortened to three lines; a button shows it whole (and shortens it
// again). The heading always holds the full title, so screen readers read it all.
(function () {
    "use strict";
    var title = document.querySelector("[data-case-title]");
    if (!title) { return; }
    title.classList.add("is-clamped");
    if (title.scrollHeight <= title.clientHeight + 1) {
        title.classList.remove("is-clamped");
        return;
    }

    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-link btn-sm p-0 case-title-toggle";
    button.setAttribute("aria-expanded", "false");
    button.textContent = "Show the full title";
    button.addEventListener("click", function () {
        var clamped = title.classList.toggle("is-clamped");
        button.setAttribute("aria-expanded", String(!clamped));
        button.textContent = clamped ? "Show the full title" : "Shorten the title";
    });
    title.insertAdjacentElement("afterend", button);
}());
