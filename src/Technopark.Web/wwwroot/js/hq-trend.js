// The HQ trend chart: reads its data from the JSON block the page renders (CSP: no inline script).
(function () {
    'use strict';
    var canvas = document.getElementById('trend-chart');
    var source = document.getElementById('trend-data');
    if (!canvas || !source || typeof Chart === 'undefined') {
        return;
    }
    var data = JSON.parse(source.textContent);
    Chart.defaults.animation = false;
    new Chart(canvas, {
        type: 'line',
        data: data,
        options: {
            responsive: true,
            maintainAspectRatio: false,
            spanGaps: false,
            scales: {
                y: { min: 0, max: 100, title: { display: true, text: canvas.dataset.yLabel } }
            }
        }
    });
})();
