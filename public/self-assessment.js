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

// A host may keep its questionnaire in a file of its own: "questionnaire":
// "./questions.fr.json", relative to the configuration. It is fetched here,
// while the page loads, and handed to the engine to validate like an inline
// one. On failure the field is dropped, so the shipped questionnaire is used.
async function loadQuestionnaire(config) {
  if (typeof config?.questionnaire !== 'string') return config;
  const url = new URL(config.questionnaire, new URL('./self-assessment.config.json', import.meta.url));
  const fallback = (why) => {
    console.warn(`Riskwright self-assessment: "questionnaire" ${url}: ${why}; using the shipped questionnaire.`);
    return { ...config, questionnaire: undefined };
  };
  try {
    const response = await fetch(url, { cache: 'no-cache' });
    if (!response.ok) return fallback(`HTTP ${response.status}`);
    const text = await response.text();
    try {
      return { ...config, questionnaire: JSON.parse(text) };
    } catch (error) {
      return fallback(`not valid JSON (${error.message})`);
    }
  } catch (error) {
    return fallback(`could not be loaded (${error})`);
  }
}

Promise.all([loadConfig().then(loadQuestionnaire), init()])
  .then(([config]) => startSelfAssessment(root, config))
  .catch((error) => {
    root.textContent = `The readiness check could not start in this browser: ${error}`;
    throw error;
  });
