// Bootstrap: load the wasm engine and start the app. All logic is in Rust.
import init, { startApp } from './pkg/app/app.js';

const root = document.getElementById('app');
init()
  .then(() => startApp(root))
  .catch((error) => {
    root.textContent = `Riskwright could not start in this browser: ${error}`;
    throw error;
  });
