// The safety tips library: the tips residents get in the tips flow, per topic and area, in the three languages.
import { act, api, areaName, h, languageName, optionList, RTL, registerSection, state, t, view, when } from './ui.js';

const LANGS = ['ur', 'sd', 'en'];
const MAX_CHARS = 500;

/** One textarea per language, Urdu and Sindhi right to left. */
function languageFields(texts, editable) {
  return h(
    'div',
    { class: 'tip-langs' },
    LANGS.map((lang) =>
      h(
        'label',
        { lang },
        languageName(lang),
        h('textarea', { name: lang, lang, dir: RTL.has(lang) ? 'rtl' : 'ltr', maxlength: MAX_CHARS, readonly: !editable, value: texts[lang] ?? '' }),
      ),
    ),
  );
}

function textsOf(form) {
  const data = new FormData(form);
  return Object.fromEntries(LANGS.map((lang) => [lang, String(data.get(lang) ?? '')]));
}

/** Whether this officer may add tips here: admins anywhere, officers in their own areas (the API decides). */
function mayAdd(area) {
  return state.officer.role === 'admin' || (state.officer.role === 'officer' && area !== 'city');
}

async function showTips(_id, queryText) {
  const query = new URLSearchParams(queryText);
  const topics = await api('GET', '/api/tips/topics');
  const topic = topics.includes(query.get('topic')) ? query.get('topic') : topics[0];
  const area = query.get('area') || 'city';
  const reload = () => showTips(_id, `topic=${topic}&area=${area}`);

  const filters = h(
    'form',
    { class: 'filters card', id: 'tip-filters' },
    h('label', {}, t('console-tips-topic'), h('select', { name: 'topic' }, topics.map((id) => h('option', { value: id, selected: id === topic }, t(`tips-topic-${id}`))))),
    h(
      'label',
      {},
      t('console-tips-area'),
      h('select', { name: 'area' }, h('option', { value: 'city', selected: area === 'city' }, t('console-tips-city-wide')), optionList(state.areas.map((a) => a.id), areaName, area).slice(1)),
    ),
  );
  filters.addEventListener('change', () => {
    const data = new FormData(filters);
    location.hash = `#/tips?topic=${data.get('topic')}&area=${data.get('area')}`;
  });

  const tips = await api('GET', `/api/tips?topic=${encodeURIComponent(topic)}&area=${encodeURIComponent(area)}`);
  const cards = tips.map((tip, index) => {
    const form = h('form', { class: `card tip${tip.active ? '' : ' inactive'}`, 'data-tip': tip.id }, languageFields(tip.texts, tip.editable));
    const move = (by) => {
      const ids = tips.map((x) => x.id);
      [ids[index], ids[index + by]] = [ids[index + by], ids[index]];
      return act(() => api('PUT', '/api/tips/order', { ids }), t('console-saved')).then((done) => done && reload());
    };
    form.append(
      h(
        'div',
        { class: 'row' },
        h('span', { class: 'meta' }, `${t('console-tips-updated')} ${when(tip.updatedAt)} · ${tip.updatedBy}`),
        tip.active ? null : h('span', { class: 'badge' }, t('console-tips-hidden')),
        tip.editable ? h('button', { type: 'submit', name: 'save' }, t('console-save')) : null,
        tip.editable
          ? h('button', { type: 'button', class: 'secondary', onclick: () => act(() => api('PATCH', `/api/tips/${tip.id}`, { active: !tip.active }), t('console-saved')).then((done) => done && reload()) }, t(tip.active ? 'console-tips-hide' : 'console-tips-show'))
          : null,
        tip.editable && index > 0 ? h('button', { type: 'button', class: 'secondary', 'aria-label': t('console-tips-up'), title: t('console-tips-up'), onclick: () => move(-1) }, '↑') : null,
        tip.editable && index < tips.length - 1 ? h('button', { type: 'button', class: 'secondary', 'aria-label': t('console-tips-down'), title: t('console-tips-down'), onclick: () => move(1) }, '↓') : null,
        tip.editable
          ? h('button', { type: 'button', class: 'secondary', onclick: () => confirm(t('console-tips-confirm-remove')) && act(() => api('DELETE', `/api/tips/${tip.id}`), t('console-saved')).then((done) => done && reload()) }, t('console-tips-remove'))
          : null,
      ),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (await act(() => api('PATCH', `/api/tips/${tip.id}`, { texts: textsOf(form) }), t('console-saved'))) reload();
    });
    return form;
  });

  let add = null;
  if (mayAdd(area)) {
    add = h('form', { class: 'card tip', id: 'new-tip' }, h('h2', {}, t('console-tips-new')), languageFields({}, true), h('button', { type: 'submit' }, t('console-tips-add')));
    add.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = { topic, areaId: area === 'city' ? null : area, texts: textsOf(add) };
      if (await act(() => api('POST', '/api/tips', body), t('console-saved'))) reload();
    });
  }

  view(
    t('console-tips-title'),
    h('p', { class: 'meta' }, t('console-tips-help')),
    filters,
    cards.length ? h('div', { id: 'tips' }, cards) : h('p', {}, t('console-tips-none')),
    add,
  );
}

registerSection({ id: 'tips', label: 'console-tips-nav', roles: ['admin', 'officer', 'liaison'], show: showTips });
