// Wide figure tables on a phone (table[data-stack], HQ's site tables): each figure cell gets its column's header as its
// label (data-label, which site.css writes before the value), then the table takes the stacked layout (.table-stack: a
// block per row, a line per cell under 576 px). The labels are the headers' own text, so the page sends them once, not
// once per cell (1,300 cells at 90 sites). Without JavaScript the table stays a table that scrolls sideways, its shadow
// showing there is more. A cell spanning several columns (a site not open that day) keeps no label.
(function () {
    'use strict';

    document.querySelectorAll('table[data-stack]').forEach(function (table) {
        var headers = [];
        Array.prototype.forEach.call(table.tHead ? table.tHead.rows[0].cells : [], function (header) {
            for (var i = 0; i < header.colSpan; i++) {
                headers.push(header.textContent.trim());
            }
        });

        table.querySelectorAll('tbody > tr, tfoot > tr').forEach(function (row) {
            var column = 0;
            Array.prototype.forEach.call(row.cells, function (cell) {
                if (cell.tagName === 'TD' && cell.colSpan === 1 && headers[column] && !cell.hasAttribute('data-label')) {
                    cell.setAttribute('data-label', headers[column]);
                }

                column += cell.colSpan;
            });
        });

        table.classList.add('table-stack');
    });
}());
