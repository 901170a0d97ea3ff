// Sets the colour scheme before the app loads, so a dark-mode user sees no light flash.
// Reads the key Mantine's localStorage colour scheme manager writes.
(() => {
  let stored = null;
  try {
    stored = window.localStorage.getItem('mantine-color-scheme-value');
  } catch {
    // storage disabled
  }
  const prefersDark = window.matchMedia?.('(prefers-color-scheme: dark)').matches;
  const scheme =
    stored === 'dark' || stored === 'light' ? stored : stored === 'auto' && prefersDark ? 'dark' : 'light';
  document.documentElement.setAttribute('data-mantine-color-scheme', scheme);
})();
