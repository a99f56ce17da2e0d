// The HQ trend chart, drawn from the page's table (#trend-table: a column per site, a row per month), so the figures are
// sent once. A cell shows a rate as the page's language writes it ("85,2 %", "85.2%"; never grouped, at most 100,0) or
// the "not available" mark: its first number, with either decimal separator, or a gap in the line.
(function () {
    'use strict';
    var canvas = document.getElementById('trend-chart');
    var table = document.getElementById('trend-table');
    if (!canvas || !table || !table.tHead || typeof Chart === 'undefined') {
        return;
    }

    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var datasets = Array.prototype.slice.call(table.tHead.rows[0].cells, 1).map(function (header, i) {
        return {
            label: header.textContent.trim(),
            data: rows.map(function (row) {
                var number = row.cells[i + 1] ? row.cells[i + 1].textContent.match(/\d+(?:[.,]\d+)?/) : null;
                return number ? parseFloat(number[0].replace(',', '.')) : null;
            })
        };
    });
    var labels = rows.map(function (row) { return row.cells[0].textContent.trim(); });

    // Numbers as the page writes them: Morocco reads Western digits in Arabic too (the browser's own
    // 'ar' would draw Arabic-Indic digits on the axis and in the tooltips).
    var lang = document.documentElement.lang;
    Chart.defaults.animation = false;
    new Chart(canvas, {
        type: 'line',
        data: { labels: labels, datasets: datasets },
        options: {
            locale: lang === 'ar' ? 'ar-MA-u-nu-latn' : lang || 'fr',
            responsive: true,
            maintainAspectRatio: false,
            spanGaps: false,
            scales: {
                y: { min: 0, max: 100, title: { display: true, text: canvas.dataset.yLabel } }
            }
        }
    });
})();
