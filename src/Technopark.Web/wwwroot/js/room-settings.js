// The inventory form: the room settings show only while the kind chosen is a meeting, training or conference room.
(() => {
    const settings = document.getElementById('room-settings');
    const kind = document.getElementById('Input_Kind');
    if (!settings || !kind) {
        return;
    }

    const roomKinds = settings.dataset.roomKinds.split(' ');
    const update = () => { settings.hidden = !roomKinds.includes(kind.value); };
    kind.addEventListener('change', update);
    update();
})();
