// Bootstrap of the self-assessment page: read the host's theme, load the wasm
// and start. All logic, including checking the configuration, is in Rust.
import init, { startSelfAssessment } from './pkg-selfassess/selfassess.js';

const root = document.getElementById('app');

async function loadConfig() {
  const url = new URL('./self-assessment.config.json', import.meta.url);
  try {
    const response = await fetch(url, { cache: 'no-cache' });
    if (!response.ok) {
      console.warn(`Riskwright self-assessment: no configuration at ${url} (HTTP ${response.status}); using the defaults.`);
      return null;
    }
    const text = await response.text();
    try {
      return JSON.parse(text);
    } catch (error) {
      console.warn(`Riskwright self-assessment: ${url} is not valid JSON (${error.message}); using the defaults.`);
      return null;
    }
  } catch (error) {
    console.warn(`Riskwright self-assessment: the configuration could not be loaded (${error}); using the defaults.`);
    return null;
  }
}

Promise.all([loadConfig(), init()])
  .then(([config]) => startSelfAssessment(root, config))
  .catch((error) => {
    root.textContent = `The readiness check could not start in this browser: ${error}`;
    throw error;
  });
