// The web chat page: talks to the bot through the same HTTP contract any client can use.
const $ = (id) => document.getElementById(id);
const RTL = new Set(['ur', 'sd']);

function residentId() {
  let id = localStorage.getItem('mohalla-resident');
  if (!id) {
    id = `web-${crypto.randomUUID().replaceAll('-', '')}`;
    localStorage.setItem('mohalla-resident', id);
  }
  return id;
}

const resident = residentId();
const messages = $('messages');
let strings = {};
// Whether the newest message is in view; a resident who scrolled back to read is left where they are.
let atEnd = true;

function showLatest() {
  messages.scrollTop = messages.scrollHeight;
  atEnd = true;
}

messages.addEventListener('scroll', () => {
  atEnd = messages.scrollHeight - messages.scrollTop - messages.clientHeight < 8;
});
// The list shrinks when choices appear under it or a phone's keyboard opens, and its text grows when the
// font arrives: the end of the last message must not slip under the choices.
new ResizeObserver(() => atEnd && showLatest()).observe(messages);
document.fonts.addEventListener('loadingdone', () => atEnd && showLatest());

async function post(body) {
  const response = await fetch('/chat/api/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ resident, id: crypto.randomUUID().replaceAll('-', ''), ...body }),
  });
  if (!response.ok) throw new NotSent(response.status);
}

/** A message the server refused: too many at once (429), the service busy (503), or a body it cannot take. */
class NotSent extends Error {
  constructor(status) {
    super(`not sent (${status})`);
    this.status = status;
  }
}

/** Says in the page's language that a message did not go, and gives a typed text back to send again. */
function notSent(error, text) {
  const s = strings[document.documentElement.lang] ?? {};
  const busy = error instanceof NotSent && (error.status === 429 || error.status === 503);
  const div = document.createElement('div');
  div.className = 'notice';
  div.setAttribute('role', 'alert');
  div.textContent = (busy ? s['web-busy'] : s['web-not-sent']) ?? '';
  messages.append(div);
  if (text && !$('text').value) $('text').value = text;
  showLatest();
}

function bubble(text, who) {
  const div = document.createElement('div');
  div.className = `bubble ${who}`;
  div.dir = 'auto';
  div.textContent = text;
  messages.append(div);
  showLatest();
}

function showChoices(choices) {
  const box = $('choices');
  box.replaceChildren();
  (choices ?? []).forEach((choice, i) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.dir = 'auto';
    button.dataset.choice = choice.id;
    button.textContent = `${i + 1}. ${choice.label}`;
    button.addEventListener('click', () => {
      // Picking the chat's language also switches the page's own labels to it.
      if (RTL.has(choice.id) || choice.id === 'en') setUiLanguage(choice.id);
      bubble(choice.label, 'me');
      box.replaceChildren();
      post({ choice: choice.id }).catch((e) => notSent(e));
    });
    box.append(button);
  });
  if (atEnd) showLatest();
}

function setUiLanguage(lang) {
  localStorage.setItem('mohalla-ui', lang);
  document.documentElement.lang = lang;
  document.documentElement.dir = RTL.has(lang) ? 'rtl' : 'ltr';
  const s = strings[lang] ?? {};
  document.title = s['web-title'] ?? 'Mohalla';
  $('title').textContent = s['web-title'] ?? 'Mohalla';
  $('note').textContent = s['web-demo-note'] ?? '';
  $('offline').textContent = s['web-offline'] ?? '';
  $('text').placeholder = s['web-placeholder'] ?? '';
  $('send').textContent = s['web-send'] ?? '➤';
  $('location').title = s['web-location'] ?? '';
  $('location').setAttribute('aria-label', s['web-location'] ?? '');
  for (const b of document.querySelectorAll('[data-ui-lang]')) b.setAttribute('aria-pressed', String(b.dataset.uiLang === lang));
}

function listen() {
  const events = new EventSource(`/chat/api/stream?resident=${encodeURIComponent(resident)}`);
  events.addEventListener('message', (event) => {
    const message = JSON.parse(event.data);
    bubble(message.text, 'bot');
    showChoices(message.choices);
  });
  events.addEventListener('open', () => {
    $('offline').hidden = true;
    // A first visit starts the conversation; a poster link (?start=area-korangi) presets its area or language.
    if (!localStorage.getItem('mohalla-started')) {
      localStorage.setItem('mohalla-started', '1');
      const start = new URLSearchParams(location.search).get('start') ?? '';
      post({ start }).catch(() => localStorage.removeItem('mohalla-started'));
    }
  });
  events.addEventListener('error', () => {
    $('offline').hidden = false;
  });
}

$('composer').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = $('text').value.trim();
  if (!text) return;
  $('text').value = '';
  bubble(text, 'me');
  post({ text }).catch((e) => notSent(e, text));
});

$('location').addEventListener('click', () => {
  navigator.geolocation?.getCurrentPosition((position) => {
    const { latitude: lat, longitude: lng } = position.coords;
    bubble(`${lat.toFixed(5)}, ${lng.toFixed(5)}`, 'me');
    post({ location: { lat, lng } }).catch((e) => notSent(e));
  });
});

for (const b of document.querySelectorAll('[data-ui-lang]')) b.addEventListener('click', () => setUiLanguage(b.dataset.uiLang));

strings = await (await fetch('/chat/api/strings')).json();
$('text').maxLength = strings.limits.maxChars;
setUiLanguage(localStorage.getItem('mohalla-ui') ?? 'ur');
listen();
