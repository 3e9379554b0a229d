// Police alerts: write one in Urdu, Sindhi and English, see exactly what each reader gets, send it now or at a
// time, and follow its figures live while it goes out.
import { act, api, areaName, h, RTL, registerSection, say, state, t, view, when } from './ui.js';

const LANGS = ['ur', 'sd', 'en'];
const FIGURES = ['targeted', 'queuedTotal', 'sent', 'failed', 'unreachable', 'skipped'];
const FIGURE_LABELS = { targeted: 'console-alerts-targeted', queuedTotal: 'console-alerts-queued', sent: 'console-alerts-sent', failed: 'console-alerts-failed', unreachable: 'console-alerts-unreachable', skipped: 'console-alerts-skipped' };
/** Karachi keeps one offset all year. */
const KARACHI = '+05:00';

/** Scheduled, going out (also once fully queued, while deliveries still wait), sent or cancelled. */
function statusOf(alert) {
  if (alert.status === 'sent' && !alert.finished) return 'sending';
  return alert.status;
}

function targetText(target) {
  if (target.city) return t('console-alerts-target-city');
  return [...(target.districts ?? []), ...(target.areas ?? [])].map(areaName).join(RTL.has(state.lang) ? '، ' : ', ');
}

/** The first text written, in the console's language when there is one. */
function summary(texts) {
  const lang = [state.lang, ...LANGS].find((l) => texts?.[l]?.trim());
  return lang ? h('div', { lang, dir: RTL.has(lang) ? 'rtl' : 'ltr', class: 'alert-text' }, texts[lang]) : '—';
}

function draftOf(form) {
  const data = new FormData(form);
  const texts = {};
  for (const lang of LANGS) {
    const text = String(data.get(lang) ?? '');
    if (text.trim()) texts[lang] = text;
  }
  const kind = data.get('target');
  const target = kind === 'city' ? { city: true } : { districts: kind === 'districts' ? data.getAll('district').map(String) : [], areas: kind === 'areas' ? data.getAll('area').map(String) : [] };
  const draft = { texts, target, urgent: data.get('urgent') === 'on' };
  if (data.get('topic')) draft.topic = String(data.get('topic'));
  if (data.get('when') === 'later') draft.sendAt = data.get('sendAt') ? `${data.get('sendAt')}:00${KARACHI}` : '';
  return draft;
}

/** What the page can tell before asking the server, in the officer's language. */
function problemOf(draft) {
  if (Object.keys(draft.texts).length === 0) return 'console-alerts-write-text';
  if (!draft.target.city && draft.target.districts.length === 0 && draft.target.areas.length === 0) return 'console-alerts-choose-target';
  if (draft.sendAt === '') return 'console-alerts-choose-time';
  return null;
}

function composeForm(choices, preview) {
  const texts = h(
    'div',
    { class: 'alert-texts stack' },
    h('p', { class: 'meta' }, t('console-alerts-texts-hint')),
    LANGS.map((lang) =>
      h('label', {}, t(`console-alerts-text-${lang}`), h('textarea', { name: lang, lang, dir: RTL.has(lang) ? 'rtl' : 'ltr', maxlength: 3500, rows: 3 })),
    ),
  );
  const topic = h(
    'label',
    {},
    t('console-alerts-topic'),
    h('select', { name: 'topic' }, h('option', { value: '' }, t('console-alerts-topic-none')), choices.topics.map((id) => h('option', { value: id }, t(`console-alerts-topic-${id}`)))),
  );
  const urgent = h('label', { class: 'inline' }, h('input', { type: 'checkbox', name: 'urgent' }), t('console-alerts-urgent'));

  const kinds = [choices.city ? 'city' : null, choices.districts.length ? 'districts' : null, choices.areas.length ? 'areas' : null].filter(Boolean);
  const picks = {
    districts: h('div', { class: 'alert-picks', 'data-kind': 'districts' }, choices.districts.map((id) => h('label', { class: 'inline' }, h('input', { type: 'checkbox', name: 'district', value: id }), areaName(id)))),
    areas: h('div', { class: 'alert-picks', 'data-kind': 'areas' }, choices.areas.map((id) => h('label', { class: 'inline' }, h('input', { type: 'checkbox', name: 'area', value: id }), areaName(id)))),
  };
  const showPicks = (kind) => {
    picks.districts.hidden = kind !== 'districts';
    picks.areas.hidden = kind !== 'areas';
  };
  const target = h(
    'fieldset',
    { class: 'alert-target' },
    h('legend', {}, t('console-alerts-target')),
    h(
      'div',
      { class: 'row' },
      kinds.map((kind, i) =>
        h('label', { class: 'inline' }, h('input', { type: 'radio', name: 'target', value: kind, checked: i === 0, onchange: () => showPicks(kind) }), t(`console-alerts-target-${kind}`)),
      ),
    ),
    picks.districts,
    picks.areas,
  );
  showPicks(kinds[0]);

  const sendAt = h('input', { type: 'datetime-local', name: 'sendAt', dir: 'ltr' });
  const time = h('label', { hidden: true }, t('console-alerts-time'), sendAt);
  const schedule = h(
    'fieldset',
    { class: 'alert-when' },
    h('legend', {}, t('console-alerts-when')),
    h(
      'div',
      { class: 'row' },
      ['now', 'later'].map((value) =>
        h('label', { class: 'inline' }, h('input', { type: 'radio', name: 'when', value, checked: value === 'now', onchange: () => { time.hidden = value === 'now'; } }), t(`console-alerts-${value}`)),
      ),
    ),
    time,
  );

  const form = h(
    'form',
    { class: 'card stack', id: 'alert-form' },
    h('h2', {}, t('console-alerts-compose')),
    texts,
    h('div', { class: 'row' }, topic, urgent),
    target,
    schedule,
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'button', class: 'secondary', id: 'alert-preview-button', onclick: () => showPreview(form, preview) }, t('console-alerts-preview')),
      h('button', { type: 'submit', id: 'alert-send' }, t('console-alerts-send')),
    ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const draft = draftOf(form);
    const problem = problemOf(draft);
    if (problem) {
      say(t(problem));
      return;
    }
    const result = await act(() => api('POST', '/api/alerts', draft), () => t(draft.sendAt ? 'console-alerts-scheduled' : 'console-alerts-going-out'));
    if (!result) return;
    form.reset();
    showPicks(kinds[0]);
    time.hidden = true;
    preview.replaceChildren();
    preview.hidden = true;
  });
  return form;
}

async function showPreview(form, preview) {
  const draft = draftOf(form);
  const problem = problemOf(draft);
  if (problem) {
    say(t(problem));
    return;
  }
  const result = await act(() => api('POST', '/api/alerts/preview', draft));
  if (!result) return;
  say('');
  preview.replaceChildren(
    h('h2', {}, t('console-alerts-preview-title')),
    h(
      'ul',
      { class: 'alert-warnings', id: 'alert-warnings' },
      result.missing.length ? result.missing.map((m) => h('li', {}, t(`console-alerts-missing-${m.lang}-${m.gets}`))) : h('li', { class: 'ok' }, t('console-alerts-no-warnings')),
    ),
    ...LANGS.map((lang) =>
      h(
        'section',
        { class: 'alert-message', 'data-lang': lang },
        h('h3', {}, t(`console-alerts-preview-${lang}`)),
        h('div', { class: 'alert-bubble', lang, dir: RTL.has(lang) ? 'rtl' : 'ltr' }, result.messages[lang]),
      ),
    ),
  );
  preview.hidden = false;
  preview.scrollIntoView({ block: 'nearest' });
}

function alertRows(alerts) {
  if (alerts.length === 0) return h('p', {}, t('console-alerts-none'));
  return h(
    'table',
    { class: 'responsive' },
    h(
      'thead',
      {},
      h('tr', {}, ['console-alerts-col-alert', 'console-alerts-col-target', 'console-alerts-col-when', 'console-alerts-col-status', 'console-alerts-col-figures', ''].map((k) => h('th', { scope: 'col' }, k ? t(k) : ''))),
    ),
    h(
      'tbody',
      {},
      alerts.map((a) => {
        const status = statusOf(a);
        return h(
          'tr',
          { 'data-id': a.id, 'data-status': status },
          h(
            'td',
            {},
            summary(a.texts),
            h('div', { class: 'meta' }, `#${a.id} · ${t('console-alerts-by')}: `, h('span', { dir: 'ltr' }, a.createdBy), a.topic ? ` · ${t(`console-alerts-topic-${a.topic}`)}` : ''),
          ),
          h('td', {}, targetText(a.target)),
          h('td', {}, when(a.sendAt)),
          h('td', {}, h('span', { class: `badge alert-status ${status}` }, t(`console-alerts-status-${status}`)), a.urgent ? h('span', { class: 'badge open' }, t('console-alerts-urgent-badge')) : null),
          h(
            'td',
            {},
            h(
              'dl',
              { class: 'alert-figures' },
              FIGURES.map((f) => h('div', {}, h('dt', {}, t(FIGURE_LABELS[f])), h('dd', { 'data-figure': f }, a[f] === null ? '—' : String(a[f])))),
            ),
          ),
          h(
            'td',
            {},
            a.finished
              ? null
              : h(
                  'button',
                  {
                    type: 'button',
                    class: 'secondary cancel-alert',
                    onclick: () => act(() => api('POST', `/api/alerts/${a.id}/cancel`), t('console-alerts-cancelled')),
                  },
                  t('console-alerts-cancel'),
                ),
          ),
        );
      }),
    ),
  );
}

async function showAlerts() {
  const choices = await api('GET', '/api/alerts/choices');
  const preview = h('div', { class: 'card', id: 'alert-preview', hidden: true, 'aria-live': 'polite' });
  const list = h('div', { id: 'alerts-list' }, h('p', {}, t('console-loading')));
  const live = h('p', { class: 'meta' }, t('console-live'));
  view(t('console-alerts-title'), composeForm(choices, preview), preview, h('h2', {}, t('console-alerts-list')), live, list);
  // The figures come from whichever workers send the alert: one stream keeps the whole list current.
  const stream = new EventSource('/api/alerts/stream');
  stream.addEventListener('alerts', (event) => list.replaceChildren(alertRows(JSON.parse(event.data).alerts)));
  stream.addEventListener('error', () => live.classList.remove('live'));
  stream.addEventListener('open', () => live.classList.add('live'));
  state.cleanup.push(() => stream.close());
}

registerSection({ id: 'alerts', label: 'console-alerts-nav', roles: ['admin', 'officer'], show: showAlerts });
