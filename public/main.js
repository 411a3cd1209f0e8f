// Bootstrap: load the wasm engine and start the app. All logic is in Rust.
//
// The first load (pkg/app/) has the register, the method and the
// assessments. The whole workbench (pkg/screens/) is fetched in the
// background once the app is up, so that nothing is requested later; when
// the user opens a screen the first load lacks, it asks for the workbench
// (the `riskwright-screens` event), which takes over from the first load's
// handoff and handles the click or key that asked. See ARCHITECTURE.md.
import init, { startApp, retireApp } from './pkg/app/app.js';

const root = document.getElementById('app');
const problem = document.getElementById('screens-problem');

// The other screens' stylesheets come with the whole workbench, not with
// the first screen; it starts once they have loaded, so no screen is ever
// drawn unstyled.
const screenStyles = () => Promise.all(
  (document.querySelector('meta[name="riskwright-screen-styles"]')?.content ?? '')
    .split(/\s+/).filter(Boolean)
    .map((file) => new Promise((resolve, reject) => {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = `./${file}`;
      link.onload = resolve;
      link.onerror = () => reject(new Error(`${file} could not be loaded`));
      document.head.append(link);
    })),
);

let screens;
const loadScreens = () => {
  screens ??= Promise.all([import('./pkg/screens/screens.js'), screenStyles()]).then(async ([module]) => {
    await module.default();
    return module;
  });
  return screens;
};

let opening = false;
root.addEventListener('riskwright-screens', (request) => {
  if (opening) return;
  opening = true;
  root.setAttribute('aria-busy', 'true');
  loadScreens()
    .then((module) => {
      problem.hidden = true;
      module.startApp(root, retireApp(), request.detail ?? undefined);
    })
    .catch((error) => {
      // The first load keeps running: the register stays usable.
      screens = undefined;
      opening = false;
      problem.textContent = `This screen could not be loaded (${error}). The register and the method still work; try again when the site is reachable.`;
      problem.hidden = false;
    })
    .finally(() => root.removeAttribute('aria-busy'));
});

init()
  .then(() => {
    startApp(root);
    const later = window.requestIdleCallback ?? ((run) => setTimeout(run, 200));
    later(() => loadScreens().catch(() => { /* fetched again when asked for */ }));
  })
  .catch((error) => {
    root.textContent = `Riskwright could not start in this browser: ${error}`;
    throw error;
  });
// "Download for offline use" gives each copy of the single-file edition its
// own storage id (see offline-copy.js, loaded only when clicked).
document.addEventListener('click', (event) => {
  const link = event.target.closest?.('#offline-download');
  if (!link) return;
  event.preventDefault();
  import('./offline-copy.js')
    .then((module) => module.downloadCopy(link))
    .catch((error) => {
      problem.textContent = `The offline copy could not be downloaded (${error.message ?? error}). Try again when the site is reachable.`;
      problem.hidden = false;
    });
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
