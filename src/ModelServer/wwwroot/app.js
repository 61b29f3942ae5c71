'use strict';
// The page's only logic: call /predict and /feedback, show what they answer (problems included).
const $ = (id) => document.getElementById(id);
let current = null;

function showError(message) {
  $('error').textContent = message;
  $('error').hidden = !message;
}

async function call(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.detail || data.title || `HTTP ${response.status}`);
  return data;
}

async function loadStatus() {
  const response = await fetch('/health/ready');
  const data = await response.json().catch(() => ({}));
  $('model').textContent = data.model
    ? `Serving ${data.specialist}: ${data.model.name} version ${data.model.version}`
    : 'No model is loaded yet.';
}

function showPrediction(p) {
  current = p;
  $('label').textContent = p.label;
  $('confidence').textContent = p.confidence.toFixed(3);
  $('prediction-id').textContent = p.prediction_id;
  $('model-version').textContent = `${p.model.name} ${p.model.version}`;
  const rows = $('scores').querySelector('tbody');
  rows.replaceChildren();
  const select = $('feedback-label');
  select.replaceChildren();
  const ranked = Object.entries(p.scores).sort((a, b) => b[1] - a[1]);
  for (const [label, score] of ranked) {
    const row = rows.insertRow();
    row.insertCell().textContent = label;
    row.insertCell().textContent = score.toFixed(3);
    select.add(new Option(label, label));
  }
  // Offer the runner-up as the likeliest correction.
  select.value = ranked.map(([label]) => label).find((label) => label !== p.label) ?? p.label;
  $('feedback-status').textContent = '';
  $('result').hidden = false;
}

async function sendFeedback(body) {
  showError('');
  try {
    const stored = await call('/feedback', { prediction_id: current.prediction_id, note: $('note').value || null, ...body });
    $('feedback-status').textContent = `Thanks! Feedback recorded (${stored.outcome}) for model ${stored.model_version}.`;
  } catch (e) {
    showError(`Feedback not sent: ${e.message}`);
  }
}

$('predict-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  showError('');
  try {
    showPrediction(await call('/predict', { text: $('text').value }));
  } catch (e) {
    showError(`Prediction failed: ${e.message}`);
  }
});
$('feedback-correct').addEventListener('click', () => sendFeedback({ label: current.label }));
$('feedback-send-label').addEventListener('click', () => sendFeedback({ label: $('feedback-label').value }));

loadStatus().catch(() => { $('model').textContent = 'Model status unavailable.'; });
