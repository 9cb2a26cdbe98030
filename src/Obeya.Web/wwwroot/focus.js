// Where focus goes after an action on a screen: the element the screen names, once Blazor has rendered it. Without
// this, a button that disappears with its item (moved, done, saved) leaves focus on the page body.
window.obeyaFocus = (selector, text) => new Promise(resolve => {
  const started = performance.now();
  const attempt = () => {
    const found = [...document.querySelectorAll(selector)]
      .find(e => text === undefined || text === null || e.textContent.trim() === text);
    if (found) {
      found.focus();
      resolve(document.activeElement === found);
    } else if (performance.now() - started > 3000) {
      resolve(false);
    } else {
      setTimeout(attempt, 20);
    }
  };
  attempt();
});
