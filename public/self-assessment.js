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

// "Continue in a new tab" brings the answers in the URL fragment (which a
// browser never sends to a server). The page takes them over and drops the
// fragment from the address, so a reload or a bookmark does not carry them.
const carried = location.hash.startsWith('#sa=') ? location.hash : '';
if (carried) history.replaceState(history.state, '', location.pathname + location.search);

// Inside a frame, tell the host page how tall the content is, so it can size
// the iframe (docs/self-assessment.md, "Embedding it in another page"). Only
// the height is sent, never an answer.
if (window.parent !== window) {
  let last = 0;
  const post = () => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height !== last) {
      last = height;
      window.parent.postMessage({ type: 'riskwright-readiness-height', height }, '*');
    }
  };
  new ResizeObserver(post).observe(document.body);
}

Promise.all([loadConfig().then(loadQuestionnaire), init()])
  .then(([config]) => startSelfAssessment(root, config, carried))
  .catch((error) => {
    root.textContent = `The readiness check could not start in this browser: ${error}`;
    throw error;
  });
