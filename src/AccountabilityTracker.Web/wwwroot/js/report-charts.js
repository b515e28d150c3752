// Draws the report's charts from the tables beside them, so the chart and the table can never disagree
// and nothing is fetched or inlined (the CSP allows only scripts from this site).
(function () {
  'use strict';
  if (typeof Chart === 'undefined') {
    return;
  }

  function rowsOf(table) {
    return Array.prototype.map.call(table.querySelectorAll('tbody tr'), function (row) {
      function value(name) {
        var text = row.getAttribute('data-' + name);
        var number = parseFloat(text);
        return isNaN(number) ? null : number;
      }
      return { label: row.getAttribute('data-group'), n: value('n') || 0, median: value('median'), p90: value('p90'), q1: value('q1'), q3: value('q3') };
    });
  }

  // A trend is drawn as a line only when every point rests on enough durations; otherwise each point stands alone,
  // and its count is in the tooltip and in the table beside the chart.
  var MIN_FOR_TREND = 5;

  function draw(tableId, type) {
    var table = document.getElementById(tableId);
    var canvas = document.getElementById(table && table.getAttribute('data-chart'));
    if (!table || !canvas) {
      return;
    }
    var rows = rowsOf(table);
    var labels = rows.map(function (r) { return r.label; });
    var trend = rows.every(function (r) { return r.median === null || r.n >= MIN_FOR_TREND; });
    canvas.setAttribute('data-drawn-as', type === 'line' ? (trend ? 'line' : 'points') : 'bars');
    var datasets = type === 'line'
      ? [{
          label: trend ? 'Median days' : 'Median days (points only: some years have fewer than ' + MIN_FOR_TREND + ' durations)',
          data: rows.map(function (r) { return r.median; }), borderColor: '#0d6efd', backgroundColor: '#0d6efd',
          showLine: trend, spanGaps: trend, pointRadius: 4
        }]
      : [
          { label: 'Quartiles (days)', data: rows.map(function (r) { return r.q1 === null ? null : [r.q1, r.q3]; }), backgroundColor: 'rgba(13,110,253,0.35)' },
          { label: 'Median days', data: rows.map(function (r) { return r.median; }), backgroundColor: '#0d6efd' },
          { label: '90th percentile days', data: rows.map(function (r) { return r.p90; }), backgroundColor: '#6c757d' }
        ];
    new Chart(canvas, {
      type: type,
      data: { labels: labels, datasets: datasets },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { tooltip: { callbacks: { afterLabel: function (item) { return 'durations: ' + rows[item.dataIndex].n; } } } },
        scales: {
          x: { title: { display: true, text: table.getAttribute('data-x-title') || '' } },
          y: { beginAtZero: true, title: { display: true, text: 'days (stage duration)' } }
        }
      }
    });
  }

  draw('by-group', 'bar');
  draw('by-year', 'line');
}());
