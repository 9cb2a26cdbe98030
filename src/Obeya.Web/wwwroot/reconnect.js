// A board screen may hang on a wall for months: it never gives up reconnecting, and when the server no longer
// knows its circuit (a restart, a long sleep) it reloads itself instead of waiting for someone to press a button.
(() => {
  const modal = document.getElementById('components-reconnect-modal');
  if (!modal) return;
  modal.addEventListener('components-reconnect-state-changed', event => {
    const state = event.detail?.state;
    if (state === 'rejected') {
      location.reload();
    } else if (state === 'failed' || state === 'resume-failed') {
      setTimeout(async () => {
        try {
          if (!(await Blazor.reconnect())) location.reload();
        } catch {
          location.reload();
        }
      }, 5000);
    }
  });
})();
