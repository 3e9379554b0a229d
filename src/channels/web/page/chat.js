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

// Too many messages, or too busy: the message is sent again when the server says, with the same id, so it is
// taken once.
async function post(body) {
  const payload = JSON.stringify({ resident, id: crypto.randomUUID().replaceAll('-', ''), ...body });
  for (let told = false; ; told = true) {
    const response = await fetch('/chat/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload });
    if (response.ok) return;
    if (response.status !== 429 && response.status !== 503) throw new Error(`not sent (${response.status})`);
    if (!told) notice('web-busy');
    const seconds = Math.min(60, Number(response.headers.get('retry-after')) || 5);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  }
}

/** A line from the page itself, in its language, between the messages. */
function notice(key) {
  const div = document.createElement('div');
  div.className = 'notice';
  div.setAttribute('role', 'alert');
  div.textContent = strings[document.documentElement.lang]?.[key] ?? '';
  messages.append(div);
  showLatest();
}

/** A message the server refused for good: said in the page's language, and a typed text given back to send again. */
function notSent(text) {
  notice('web-not-sent');
  if (text && !$('text').value) $('text').value = text;
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
      post({ choice: choice.id }).catch(() => notSent());
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
  post({ text }).catch(() => notSent(text));
});

$('location').addEventListener('click', () => {
  navigator.geolocation?.getCurrentPosition((position) => {
    const { latitude: lat, longitude: lng } = position.coords;
    bubble(`${lat.toFixed(5)}, ${lng.toFixed(5)}`, 'me');
    post({ location: { lat, lng } }).catch(() => notSent());
  });
});

for (const b of document.querySelectorAll('[data-ui-lang]')) b.addEventListener('click', () => setUiLanguage(b.dataset.uiLang));

strings = await (await fetch('/chat/api/strings')).json();
$('text').maxLength = strings.limits.maxChars;
setUiLanguage(localStorage.getItem('mohalla-ui') ?? 'ur');
listen();
