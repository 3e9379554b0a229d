// What every part of the console shares: its state, labels, element builder, API calls and the registry of
// sections. Every text from residents or the server goes into the page as text (textContent), never as markup,
// so nothing a resident typed can run.

export const RTL = new Set(['ur', 'sd']);
export const STATUSES = ['received', 'in-review', 'action-taken', 'closed', 'rejected'];
export const REASONS = ['duplicate', 'false', 'out-of-scope'];
export const ROLES = ['admin', 'officer', 'liaison'];

export const state = {
  lang: localStorage.getItem('console-lang') || 'ur',
  strings: {},
  officer: null,
  csrf: '',
  areas: [],
  /** What the current view left running (an event stream, a timer), stopped when the view changes. */
  cleanup: [],
  /** Shows the login form; set by console.js, called when the API says the session is gone. */
  signedOut: () => {},
};

export const main = document.getElementById('main');
export const notice = document.getElementById('notice');

/** A language's own name (اردو, سنڌي, English), as the page's language menu spells it. */
export function languageName(code) {
  return (code && document.querySelector(`#language option[value="${code}"]`)?.textContent) || '—';
}

/** A label in the chosen language; the key itself if missing, so a gap shows instead of breaking the page. */
export const t = (key) => state.strings[state.lang]?.[key] ?? state.strings.en?.[key] ?? key;

/** Builds an element; strings become text nodes, so they are never read as HTML. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'value') el.value = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) el.append(child instanceof Node ? child : String(child));
  return el;
}

export function say(text, ok = false) {
  notice.textContent = text;
  notice.className = ok ? 'ok' : '';
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export async function api(method, path, body) {
  const headers = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = state.csrf;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.status === 401 && path !== '/api/session') {
    state.officer = null;
    state.signedOut();
    throw new ApiError(401, data?.message ?? 'log in');
  }
  if (!response.ok) throw new ApiError(response.status, data?.message ?? response.statusText);
  if (data && typeof data.csrfToken === 'string') state.csrf = data.csrfToken;
  return data;
}

/** Runs an action of a form; a refusal is shown in the notice line, in the API's words. */
export async function act(work, done) {
  try {
    const result = await work();
    if (done) say(typeof done === 'function' ? done(result) : done, true);
    return result;
  } catch (error) {
    if (error.status !== 401) say(`${t('console-error')} ${error.message}`);
    return undefined;
  }
}

export const areaName = (id) => state.areas.find((a) => a.id === id)?.names[state.lang] ?? id;
export const when = (iso) => (iso ? new Date(iso).toLocaleString(state.lang === 'en' ? 'en-GB' : `${state.lang}-PK`, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Karachi', numberingSystem: 'latn' }) : '—');
export const minutesSince = (iso, now = Date.now()) => Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));

export function view(title, ...content) {
  for (const stop of state.cleanup.splice(0)) stop();
  main.replaceChildren(h('h1', {}, title), ...content.filter(Boolean));
}

export function optionList(values, label, selected) {
  return [h('option', { value: '' }, t('console-any')), ...values.map((v) => h('option', { value: v, selected: v === selected }, label(v)))];
}

export function categories() {
  return Object.keys(state.strings.en ?? {})
    .filter((k) => k.startsWith('category-'))
    .map((k) => k.slice('category-'.length));
}

/**
 * The console's sections beyond the built-in ones: each module registers its own, with the roles that see it
 * in the menu and the function that shows it (given the id after its name in the address, and the query).
 */
export const sections = [];
export function registerSection(section) {
  sections.push(section);
}
