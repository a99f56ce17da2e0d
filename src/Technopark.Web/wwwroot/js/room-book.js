// The booking form's party: shows the fields of the chosen party only (a company's select, an outside
// organisation's name, contact and ICE). Without JavaScript every field shows and the server reads
// those of the chosen party.
(function () {
    'use strict';

    var choices = document.querySelectorAll('[data-party-choice]');
    if (choices.length === 0) {
        return;
    }

    function update() {
        var chosen = document.querySelector('[data-party-choice]:checked');
        document.querySelectorAll('[data-party]').forEach(function (part) {
            part.hidden = chosen !== null && part.getAttribute('data-party') !== chosen.value;
        });
    }

    choices.forEach(function (choice) {
        choice.addEventListener('change', update);
    });
    update();
})();
