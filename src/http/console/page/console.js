// The officer console: a small page on top of the JSON API under /api. Shared pieces are in ui.js; each
// further section (alerts, dashboard, tips) is a module of its own that registers itself there.
import { act, api, areaName, categories, h, languageName, main, minutesSince, optionList, REASONS, ROLES, RTL, STATUSES, say, sections, state, t, view, when } from './ui.js';
import './alerts.js';
import './dashboard.js';
import './tips.js';

function applyLanguage() {
  document.documentElement.lang = state.lang;
  document.documentElement.dir = RTL.has(state.lang) ? 'rtl' : 'ltr';
  document.title = t('console-title');
  document.getElementById('title').textContent = t('console-title');
  document.getElementById('language-label').textContent = t('console-language');
  document.getElementById('language').value = state.lang;
  document.getElementById('logout').textContent = t('console-logout');
}

function renderNav(current) {
  const nav = document.getElementById('nav');
  const links = [['reports', 'console-nav-reports']];
  if (state.officer.role !== 'officer') links.push(['inbox', 'console-nav-inbox']);
  for (const section of sections) if (section.roles.includes(state.officer.role)) links.push([section.id, section.label]);
  if (state.officer.role === 'admin') links.push(['accounts', 'console-nav-accounts'], ['audit', 'console-nav-audit']);
  nav.replaceChildren(
    ...links.map(([id, key]) => h('a', { href: `#/${id}`, 'aria-current': current === id ? 'page' : null }, t(key))),
    h('a', { href: '/docs', target: '_blank', rel: 'noopener' }, t('console-nav-docs')),
  );
  nav.hidden = false;
  document.getElementById('who').textContent = `${state.officer.name} (${t(`console-role-${state.officer.role}`)})`;
  document.getElementById('logout').hidden = false;
}

// ---- Login ----

function showLogin() {
  for (const stop of state.cleanup.splice(0)) stop();
  document.getElementById('nav').hidden = true;
  document.getElementById('logout').hidden = true;
  document.getElementById('who').textContent = '';
  const form = h(
    'form',
    { class: 'card stack', id: 'login' },
    h('label', {}, t('console-username'), h('input', { name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', dir: 'ltr' })),
    h('label', {}, t('console-password'), h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, dir: 'ltr' })),
    h('button', { type: 'submit' }, t('console-login')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    // A fresh token: the one held may belong to a session that has ended since.
    const session = await act(async () => {
      await api('GET', '/api/session');
      return api('POST', '/api/session', { username: data.get('username'), password: data.get('password') });
    });
    if (!session) return;
    state.officer = session.officer;
    state.areas = await api('GET', '/api/areas');
    say('');
    route();
  });
  main.replaceChildren(h('h1', {}, t('console-login-title')), form);
}

// ---- Reports desk ----

async function showReports(params) {
  const query = new URLSearchParams(params);
  const district = query.get('district') ?? '';
  const areaOptions = state.areas.filter((a) => a.kind === 'area' && (!district || a.district === district));
  const field = (label, control) => h('label', {}, t(label), control);
  const filters = h(
    'form',
    { class: 'filters card', id: 'filters' },
    field('console-filter-district', h('select', { name: 'district' }, optionList(state.areas.filter((a) => a.kind === 'district').map((a) => a.id), areaName, district))),
    field('console-filter-area', h('select', { name: 'area' }, optionList(areaOptions.map((a) => a.id), areaName, query.get('area')))),
    field('console-filter-category', h('select', { name: 'category' }, optionList(categories(), (c) => t(`category-${c}`), query.get('category')))),
    field('console-filter-status', h('select', { name: 'status' }, optionList(STATUSES, (s) => t(`console-status-${s}`), query.get('status')))),
    field('console-filter-from', h('input', { type: 'date', name: 'from', value: query.get('from') ?? '' })),
    field('console-filter-to', h('input', { type: 'date', name: 'to', value: query.get('to') ?? '' })),
    field(
      'console-filter-reporter',
      h('select', { name: 'anonymous' }, optionList(['true', 'false'], (v) => t(v === 'true' ? 'console-anonymous' : 'console-named'), query.get('anonymous'))),
    ),
    h('button', { type: 'submit' }, t('console-apply')),
  );
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = new URLSearchParams();
    for (const [key, value] of new FormData(filters)) if (value) chosen.set(key, String(value));
    location.hash = `#/reports?${chosen}`;
  });
  filters.elements.district.addEventListener('change', () => filters.requestSubmit());
  const page = Number(query.get('page') ?? 1);
  const data = await api('GET', `/api/reports?${query}`);
  const listQuery = new URLSearchParams(query);
  listQuery.delete('page');
  const counts = h('ul', { class: 'counts', 'aria-label': t('console-filter-status') }, STATUSES.map((s) => h('li', {}, `${t(`console-status-${s}`)}: ${data.counts[s] ?? 0}`)));
  const rows = data.reports.map((r) =>
    h(
      'tr',
      {},
      h('td', {}, h('a', { class: 'reference', href: `#/report/${r.reference}` }, r.reference)),
      h('td', {}, when(r.createdAt)),
      h('td', {}, t(`category-${r.category}`)),
      h('td', {}, areaName(r.areaId), r.place ? h('div', { class: 'meta' }, r.place) : null),
      h('td', {}, statusLabel(r.status, r.rejectedReason)),
      h('td', {}, t(r.anonymous ? 'console-anonymous' : 'console-named')),
    ),
  );
  const table = rows.length
    ? h(
        'table',
        { class: 'responsive' },
        h('thead', {}, h('tr', {}, ['console-col-reference', 'console-col-date', 'console-filter-category', 'console-filter-area', 'console-filter-status', 'console-filter-reporter'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', {}, rows),
      )
    : h('p', {}, t('console-none'));
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const goto = (n) => {
    const q = new URLSearchParams(listQuery);
    q.set('page', String(n));
    return `#/reports?${q}`;
  };
  const pager = h(
    'div',
    { class: 'pager' },
    page > 1 ? h('a', { href: goto(page - 1) }, t('console-previous')) : null,
    h('span', {}, `${t('console-total')}: ${data.total} · ${page} / ${pages}`),
    page < pages ? h('a', { href: goto(page + 1) }, t('console-next')) : null,
    h('a', { href: `/api/reports.csv?${listQuery}`, download: '' }, t('console-export')),
  );
  view(t('console-nav-reports'), filters, counts, table, pager);
}

function statusLabel(status, reason) {
  return status === 'rejected' && reason ? `${t('console-status-rejected')}: ${t(`console-reason-${reason}`)}` : t(`console-status-${status}`);
}

async function showReport(reference) {
  const { report, events } = await api('GET', `/api/reports/${encodeURIComponent(reference)}`);
  const facts = [
    ['console-filter-status', statusLabel(report.status, report.rejectedReason)],
    ['console-filter-category', t(`category-${report.category}`)],
    ['console-filter-area', areaName(report.areaId)],
    ['console-place', report.place ?? '—'],
    ['console-occurred', report.occurredAt ? when(report.occurredAt) : (report.occurredText ?? '—')],
    ['console-col-date', when(report.createdAt)],
    ['console-description', report.description || '—'],
    ['console-reporter', report.anonymous ? t('console-anonymous') : `${t('console-named')} (${report.platform ?? '—'})`],
    ['console-reporter-language', languageName(report.language)],
  ];
  const location =
    report.lat !== null && report.lng !== null
      ? h(
          'div',
          {},
          h('span', { dir: 'ltr' }, `${report.lat.toFixed(5)}, ${report.lng.toFixed(5)} `),
          h('a', { href: `https://www.openstreetmap.org/?mlat=${report.lat}&mlon=${report.lng}#map=17/${report.lat}/${report.lng}`, target: '_blank', rel: 'noopener noreferrer' }, t('console-open-map')),
        )
      : '—';
  const details = h(
    'dl',
    { class: 'facts card', id: 'report-facts' },
    facts.flatMap(([key, value]) => [h('dt', {}, t(key)), h('dd', {}, value)]),
    h('dt', {}, t('console-location')),
    h('dd', {}, location),
  );
  const photos = report.photos
    ? h('div', { class: 'photos card' }, h('h2', {}, t('console-photos')), Array.from({ length: report.photos }, (_, i) => h('img', { src: `/api/reports/${report.reference}/photos/${i}`, alt: `${t('console-photos')} ${i + 1}`, loading: 'lazy' })))
    : null;
  const timeline = h(
    'ol',
    { class: 'timeline card', id: 'timeline' },
    events.map((e) =>
      h(
        'li',
        {},
        h('div', { class: 'meta' }, `${when(e.createdAt)} · ${e.actor === 'resident' ? t('console-resident') : (e.officerName ?? e.actor)}`),
        e.kind === 'status' ? h('strong', {}, t(`console-status-${e.status}`)) : h('strong', {}, t(e.kind === 'question' ? 'console-event-question' : 'console-event-answer')),
        e.note ? h('div', {}, e.note) : null,
      ),
    ),
  );
  const canAct = state.officer.role !== 'liaison';
  const reason = h('select', { name: 'reason' }, REASONS.map((r) => h('option', { value: r }, t(`console-reason-${r}`))));
  const reasonField = h('label', { hidden: report.status !== 'rejected' }, t('console-reason'), reason);
  const status = h('select', { name: 'status' }, STATUSES.map((s) => h('option', { value: s, selected: s === report.status }, t(`console-status-${s}`))));
  status.addEventListener('change', () => {
    reasonField.hidden = status.value !== 'rejected';
  });
  const statusForm = h(
    'form',
    { class: 'card stack', id: 'status-form' },
    h('h2', {}, t('console-change-status')),
    h('label', {}, t('console-filter-status'), status),
    reasonField,
    h('label', {}, t('console-note'), h('textarea', { name: 'note', maxlength: 1000 })),
    h('label', { class: 'inline' }, h('input', { type: 'checkbox', name: 'public', checked: true }), t('console-note-public')),
    h('button', { type: 'submit' }, t('console-save')),
  );
  statusForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(statusForm);
    const body = { status: data.get('status'), note: String(data.get('note') ?? ''), public: data.get('public') === 'on' };
    if (body.status === 'rejected') body.reason = data.get('reason');
    const result = await act(() => api('POST', `/api/reports/${report.reference}/status`, body), (r) => t(r.notified ? 'console-notified' : 'console-not-notified'));
    if (result) showReport(report.reference);
  });
  const askForm = h(
    'form',
    { class: 'card stack', id: 'question-form' },
    h('h2', {}, t('console-ask')),
    h('label', {}, t('console-question'), h('textarea', { name: 'question', required: true, maxlength: 1000 })),
    h('button', { type: 'submit' }, t('console-send')),
  );
  askForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const question = String(new FormData(askForm).get('question') ?? '');
    const result = await act(() => api('POST', `/api/reports/${report.reference}/questions`, { question }), (r) => t(r.notified ? 'console-notified' : 'console-not-notified'));
    if (result) showReport(report.reference);
  });
  view(
    `${t('console-report-title')} `,
    h('p', {}, h('a', { href: '#/reports' }, t('console-back'))),
    details,
    photos,
    h('h2', {}, t('console-timeline')),
    timeline,
    canAct ? statusForm : null,
    canAct ? askForm : null,
  );
  main.querySelector('h1').append(h('span', { class: 'reference' }, report.reference));
}

// ---- Liaison inbox ----

/** What an alert said, in the officer's language or the one it falls back to; shortened to `max` characters. */
function alertText(texts, max = Infinity) {
  const text = [state.lang, 'ur', 'en', 'sd'].map((lang) => texts[lang]?.trim()).find(Boolean) ?? '';
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function showInbox() {
  const list = h('div', { id: 'escalations' }, h('p', {}, t('console-loading')));
  const live = h('p', { class: 'meta live' }, t('console-live'));
  view(t('console-nav-inbox'), live, list);
  let latest = { escalations: [], now: new Date().toISOString() };
  const draw = () => {
    const offset = Date.now() - Date.parse(latest.now);
    if (latest.escalations.length === 0) {
      list.replaceChildren(h('p', {}, t('console-inbox-empty')));
      return;
    }
    list.replaceChildren(
      h(
        'table',
        { class: 'responsive' },
        h('thead', {}, h('tr', {}, ['console-filter-area', 'console-filter-status', 'console-waiting', 'console-claimed-by', ''].map((k) => h('th', { scope: 'col' }, k ? t(k) : '')))),
        h(
          'tbody',
          {},
          latest.escalations.map((e) =>
            h(
              'tr',
              {},
              h('td', {}, areaName(e.areaId), e.alert ? h('div', { class: 'meta' }, t('console-alert-reply-to'), ' ', h('bdi', {}, `#${e.alert.id}`), ': ', h('bdi', {}, alertText(e.alert.texts, 120))) : null),
              h('td', {}, h('span', { class: `badge ${e.status}` }, t(`console-conversation-${e.status}`))),
              h('td', {}, e.waitingSince ? `${minutesSince(e.waitingSince, Date.now() - offset)} ${t('console-minutes')}` : '—'),
              h('td', {}, e.claimedByName ?? '—'),
              h('td', {}, h('a', { href: `#/inbox/${e.id}` }, t('console-open'))),
            ),
          ),
        ),
      ),
    );
  };
  const stream = new EventSource('/api/escalations/stream');
  stream.addEventListener('escalations', (event) => {
    latest = JSON.parse(event.data);
    draw();
  });
  stream.addEventListener('error', () => live.classList.remove('live'));
  stream.addEventListener('open', () => live.classList.add('live'));
  const timer = setInterval(draw, 30_000);
  state.cleanup.push(() => stream.close(), () => clearInterval(timer));
}

async function showConversation(id) {
  const data = await api('GET', `/api/escalations/${id}`);
  const { escalation, messages } = data;
  const mine = escalation.status === 'claimed' && (escalation.claimedBy === state.officer.id || state.officer.role === 'admin');
  const transcript = h(
    'ol',
    { class: 'transcript card', id: 'transcript', 'aria-live': 'polite' },
    messages.map((m) =>
      h(
        'li',
        { class: m.direction },
        h('div', { class: 'meta' }, `${when(m.createdAt)} · ${m.direction === 'in' ? t('console-resident') : (m.officerName ?? t('console-you'))}`),
        h('div', { lang: m.direction === 'in' ? (escalation.language ?? undefined) : undefined, dir: 'auto' }, m.body),
      ),
    ),
  );
  const facts = h(
    'dl',
    { class: 'facts card' },
    h('dt', {}, t('console-filter-area')),
    h('dd', {}, areaName(escalation.areaId)),
    escalation.alert ? [h('dt', {}, t('console-alert-reply-to')), h('dd', { id: 'alert-reply' }, h('bdi', {}, `#${escalation.alert.id}`), ': ', h('bdi', {}, alertText(escalation.alert.texts)))] : null,
    h('dt', {}, t('console-filter-status')),
    h('dd', {}, t(`console-conversation-${escalation.status}`)),
    h('dt', {}, t('console-claimed-by')),
    h('dd', {}, escalation.claimedByName ?? '—'),
    h('dt', {}, t('console-reporter-language')),
    h('dd', {}, languageName(escalation.language)),
    h('dt', {}, t('console-waiting')),
    h('dd', {}, escalation.waitingSince ? `${minutesSince(escalation.waitingSince)} ${t('console-minutes')}` : '—'),
    h('dt', {}, t('console-first-response')),
    h('dd', {}, when(escalation.firstResponseAt)),
  );
  const parts = [h('p', {}, h('a', { href: '#/inbox' }, t('console-back'))), facts, h('h2', {}, t('console-transcript')), transcript];
  if (escalation.status === 'open') {
    parts.push(h('button', { type: 'button', id: 'claim', onclick: async () => (await act(() => api('POST', `/api/escalations/${id}/claim`))) && showConversation(id) }, t('console-claim')));
  }
  if (mine) {
    const text = h('textarea', { name: 'text', required: true, maxlength: 2000, dir: 'auto', id: 'reply-text' });
    const replyForm = h('form', { class: 'card stack', id: 'reply-form' }, h('label', {}, t('console-reply'), text), h('button', { type: 'submit' }, t('console-send')));
    replyForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (await act(() => api('POST', `/api/escalations/${id}/replies`, { text: text.value }))) showConversation(id);
    });
    const canned = await api('GET', `/api/canned-replies?lang=${escalation.language ?? 'ur'}`).catch(() => []);
    replyForm.insertBefore(
      h('div', { class: 'canned', 'aria-label': t('console-canned') }, canned.map((c) => h('button', { type: 'button', onclick: () => { text.value = c; text.focus(); } }, c))),
      replyForm.lastChild,
    );
    const candidates = await api('GET', `/api/escalations/${id}/candidates`).catch(() => []);
    const target = h('select', { name: 'officer' }, candidates.map((c) => h('option', { value: c.id }, c.name)));
    const handOver = h('form', { class: 'row card' }, h('label', {}, t('console-hand-over'), target), h('button', { type: 'submit', class: 'secondary', disabled: candidates.length === 0 }, t('console-save')));
    handOver.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (await act(() => api('POST', `/api/escalations/${id}/hand-over`, { officer: target.value }), t('console-saved'))) location.hash = '#/inbox';
    });
    const closeButton = h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        id: 'close-conversation',
        onclick: async () => {
          if (await act(() => api('POST', `/api/escalations/${id}/close`), t('console-saved'))) location.hash = '#/inbox';
        },
      },
      t('console-close-conversation'),
    );
    parts.push(replyForm, handOver, closeButton);
  }
  view(t('console-nav-inbox'), ...parts);
  // New messages from the resident show up while the page is open.
  const timer = setInterval(async () => {
    const fresh = await api('GET', `/api/escalations/${id}`).catch(() => null);
    if (fresh && fresh.messages.length !== messages.length && !document.activeElement?.matches('textarea')) showConversation(id);
  }, 3000);
  state.cleanup.push(() => clearInterval(timer));
}

// ---- Accounts and audit (admins) ----

async function showAccounts() {
  const accounts = await api('GET', '/api/officers');
  const rows = accounts.map((a) => {
    const role = h('select', { 'aria-label': t('console-role') }, ROLES.map((r) => h('option', { value: r, selected: r === a.role }, t(`console-role-${r}`))));
    const areas = h('input', { value: a.areas.join(', '), 'aria-label': t('console-areas'), dir: 'ltr' });
    const password = h('input', { type: 'password', autocomplete: 'new-password', 'aria-label': t('console-reset-password'), placeholder: t('console-reset-password'), dir: 'ltr' });
    const change = (body) => act(() => api('PATCH', `/api/officers/${a.id}`, body), t('console-saved')).then((r) => r && showAccounts());
    return h(
      'tr',
      {},
      h('td', {}, h('strong', {}, a.name), h('div', { class: 'meta', dir: 'ltr' }, a.username), a.disabled ? h('span', { class: 'badge open' }, t('console-disabled')) : null),
      h('td', {}, role),
      h('td', {}, areas),
      h('td', {}, when(a.lastLoginAt)),
      h(
        'td',
        { class: 'row' },
        h('button', { type: 'button', class: 'secondary', onclick: () => change({ role: role.value, areas: areas.value.split(',').map((s) => s.trim()).filter(Boolean) }) }, t('console-save')),
        h('button', { type: 'button', class: 'secondary', onclick: () => change({ disabled: !a.disabled }) }, t(a.disabled ? 'console-enable' : 'console-disable')),
        password,
        h('button', { type: 'button', class: 'secondary', onclick: () => password.value && change({ password: password.value }) }, t('console-reset-password')),
        h('button', { type: 'button', class: 'secondary', onclick: () => act(() => api('DELETE', `/api/officers/${a.id}/sessions`), t('console-saved')) }, t('console-end-sessions')),
      ),
    );
  });
  const form = h(
    'form',
    { class: 'card filters', id: 'new-account' },
    h('label', {}, t('console-username'), h('input', { name: 'username', required: true, pattern: '[a-z0-9._\\-]{3,40}', dir: 'ltr', autocapitalize: 'none' })),
    h('label', {}, t('console-name'), h('input', { name: 'name', required: true })),
    h('label', {}, t('console-role'), h('select', { name: 'role' }, ROLES.map((r) => h('option', { value: r }, t(`console-role-${r}`))))),
    h('label', {}, t('console-areas'), h('input', { name: 'areas', dir: 'ltr', placeholder: 'korangi-district, saddar' })),
    h('label', {}, t('console-password'), h('input', { name: 'password', type: 'password', required: true, minlength: 10, autocomplete: 'new-password', dir: 'ltr' })),
    h('button', { type: 'submit' }, t('console-create')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const d = new FormData(form);
    const body = { username: d.get('username'), name: d.get('name'), role: d.get('role'), areas: String(d.get('areas')).split(',').map((s) => s.trim()).filter(Boolean), password: d.get('password') };
    if (await act(() => api('POST', '/api/officers', body), t('console-saved'))) showAccounts();
  });
  view(
    t('console-nav-accounts'),
    h(
      'table',
      { class: 'responsive' },
      h('thead', {}, h('tr', {}, ['console-name', 'console-role', 'console-areas', 'console-last-login', ''].map((k) => h('th', { scope: 'col' }, k ? t(k) : '')))),
      h('tbody', {}, rows),
    ),
    h('h2', {}, t('console-accounts-new')),
    form,
    h('details', {}, h('summary', {}, t('console-area-ids')), h('ul', {}, state.areas.map((a) => h('li', {}, h('code', {}, a.id), ` ${areaName(a.id)}`)))),
  );
}

async function showAudit() {
  const entries = await api('GET', '/api/audit');
  view(
    t('console-nav-audit'),
    h(
      'table',
      { class: 'responsive' },
      h('thead', {}, h('tr', {}, ['console-col-time', 'console-col-officer', 'console-col-action', 'console-col-target'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h(
        'tbody',
        {},
        entries.map((e) => h('tr', {}, h('td', {}, when(e.createdAt)), h('td', {}, e.officerName ?? '—'), h('td', { dir: 'ltr' }, e.action), h('td', { dir: 'ltr' }, e.target ?? ''))),
      ),
    ),
  );
}

// ---- Routing ----

async function route() {
  if (!state.officer) {
    showLogin();
    return;
  }
  const [path, query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [section = 'reports', id] = path.split('/');
  const home = state.officer.role === 'liaison' ? 'inbox' : 'reports';
  renderNav(section === 'report' ? 'reports' : section || home);
  const extra = sections.find((s) => s.id === section && s.roles.includes(state.officer.role));
  try {
    if (extra) await extra.show(id, query);
    else if (section === 'report' && id) await showReport(id);
    else if (section === 'inbox' && id) await showConversation(id);
    else if (section === 'inbox') showInbox();
    else if (section === 'accounts') await showAccounts();
    else if (section === 'audit') await showAudit();
    else if (section === 'reports' || section === '') await (path === '' && home === 'inbox' ? showInbox() : showReports(query));
    else await showReports(query);
    main.focus();
  } catch (error) {
    if (error.status !== 401) view(t('console-error'), h('p', {}, error.message));
  }
}

async function start() {
  state.signedOut = showLogin;
  state.strings = await (await fetch('/api/console/strings')).json();
  if (!state.strings[state.lang]) state.lang = 'ur';
  applyLanguage();
  document.getElementById('language').addEventListener('change', (event) => {
    state.lang = event.target.value;
    localStorage.setItem('console-lang', state.lang);
    // The last notice was in the other language.
    say('');
    applyLanguage();
    route();
  });
  document.getElementById('logout').addEventListener('click', async () => {
    await act(() => api('DELETE', '/api/session'));
    state.officer = null;
    await api('GET', '/api/session');
    showLogin();
  });
  const session = await api('GET', '/api/session');
  state.officer = session.officer;
  if (state.officer) state.areas = await api('GET', '/api/areas');
  window.addEventListener('hashchange', () => {
    say('');
    route();
  });
  route();
}

start();
