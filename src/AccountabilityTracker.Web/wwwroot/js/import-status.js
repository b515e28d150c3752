// Follows a running import job: asks the API for its status every two seconds, updates the progress bar, and reloads
// the page (which then shows the report) once the job stops running. No inline script: the CSP allows only 'self'.
(function () {
    "use strict";
    var panel = document.getElementById("import-status");
    if (!panel || panel.getAttribute("data-running") !== "true") {
        return;
    }

    var url = panel.getAttribute("data-status-url");
    var bar = panel.querySelector(".import-progress");
    var label = panel.querySelector(".import-progress-text");
    var failures = 0;

    function update(job) {
        if (bar) {
            bar.value = job.percent;
            bar.textContent = job.percent + " %";
        }
        if (label && job.totalCount > 0) {
            label.textContent = job.processedCount.toLocaleString("en-GB") + " of " + job.totalCount.toLocaleString("en-GB") + " cases";
        }
    }

    function poll() {
        fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error("status " + response.status);
                }
                return response.json();
            })
            .then(function (job) {
                failures = 0;
                update(job);
                if (job.isRunning) {
                    window.setTimeout(poll, 2000);
                } else {
                    window.location.reload();
                }
            })
            .catch(function () {
                failures += 1;
                if (failures < 10) {
                    window.setTimeout(poll, 5000);
                }
            });
    }

    window.setTimeout(poll, 1000);
}());
