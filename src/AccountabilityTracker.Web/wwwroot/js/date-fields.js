// Date fields: offer the phone's date picker for exact days, and hint (without changing anything) when the typed
// shape and the chosen precision disagree. The server checks everything again; this only saves a round trip.
(function () {
    "use strict";
    var shapes = [
        { pattern: /^\d{4}-\d{2}-\d{2}$/, precision: "Day" },
        { pattern: /^\d{4}-\d{2}$/, precision: "Month" },
        { pattern: /^\d{4}$/, precision: "Year" }
    ];
    var messages = {
        "Month:Day": "A month-precision date cannot be given a day: enter just the year and month, e.g. 2018-05.",
        "Year:Day": "A year-precision date cannot be given a month or day: enter just the year, e.g. 2019.",
        "Year:Month": "A year-precision date cannot be given a month or day: enter just the year, e.g. 2019.",
        "Day:Month": "A day-precision date needs the day: enter it as YYYY-MM-DD, or choose month or year precision.",
        "Day:Year": "A day-precision date needs the day: enter it as YYYY-MM-DD, or choose month or year precision.",
        "Month:Year": "A month-precision date needs the month: enter it as YYYY-MM, or choose year precision."
    };

    function shapeOf(text) {
        for (var i = 0; i < shapes.length; i++) {
            if (shapes[i].pattern.test(text)) { return shapes[i].precision; }
        }
        return null;
    }

    function check(field) {
        var text = field.querySelector("[data-date-text]");
        var precision = field.querySelector("[data-date-precision]");
        var out = field.querySelector("[data-date-check]");
        if (!text || !precision || !out) { return; }
        var value = text.value.trim();
        var shape = value === "" ? null : shapeOf(value);
        var message = "";
        if (value !== "" && precision.value === "Unknown") {
            message = "You chose “unknown” but typed a date: clear the date, or choose its precision.";
        } else if (value !== "" && shape === null) {
            message = "Enter the date as YYYY-MM-DD, YYYY-MM or YYYY.";
        } else if (shape !== null && shape !== precision.value) {
            message = messages[precision.value + ":" + shape] || "";
        }
        out.textContent = message;
    }

    document.querySelectorAll("[data-date-field]").forEach(function (field) {
        var text = field.querySelector("[data-date-text]");
        var precision = field.querySelector("[data-date-precision]");
        var pickerBox = field.querySelector("[data-date-picker]");
        var picker = field.querySelector("[data-picker-for]");
        if (pickerBox && picker) {
            pickerBox.hidden = false;
            picker.addEventListener("change", function () {
                if (picker.value) {
                    text.value = picker.value;
                    precision.value = "Day";
                    check(field);
                }
            });
        }
        text.addEventListener("input", function () { check(field); });
        precision.addEventListener("change", function () { check(field); });
    });
})();
