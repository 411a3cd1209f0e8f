// Bootstrap: load the wasm engine and start the app. All logic is in Rust.
import init, { startApp } from './pkg/app/app.js';

const root = document.getElementById('app');
init()
  .then(() => startApp(root))
  .catch((error) => {
    root.textContent = `Riskwright could not start in this browser: ${error}`;
    throw error;
  });

// Offline use: a service worker keeps the whole site (see web/offline/sw.js).
// A new version installs in the background and waits; the page says so and
// switches only when the user agrees, so one page never mixes two versions.
if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
  const banner = document.getElementById('update');
  const offer = (worker) => {
    banner.hidden = false;
    document.getElementById('update-reload').onclick = () => worker.postMessage('skip-waiting');
  };
  navigator.serviceWorker.register('./sw.js').then((registration) => {
    if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
    registration.addEventListener('updatefound', () => {
      const worker = registration.installing;
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) offer(worker);
      });
    });
  }).catch((error) => console.warn(`Riskwright: offline use is not available (${error})`));
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (banner.hidden || reloading) return;
    reloading = true;
    location.reload();
  });
}
