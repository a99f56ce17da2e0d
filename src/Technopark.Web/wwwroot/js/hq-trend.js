// The HQ trend chart: reads its data from the JSON block the page renders (CSP: no inline script).
(function () {
    'use strict';
    var canvas = document.getElementById('trend-chart');
    var source = document.getElementById('trend-data');
    if (!canvas || !source || typeof Chart === 'undefined') {
        return;
    }
    var data = JSON.parse(source.textContent);
    // Numbers as the page writes them: Morocco reads Western digits in Arabic too (the browser's own
    // 'ar' would draw Arabic-Indic digits on the axis and in the tooltips).
    var lang = document.documentElement.lang;
    Chart.defaults.animation = false;
    new Chart(canvas, {
        type: 'line',
        data: data,
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
