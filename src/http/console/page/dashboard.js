// The dashboard of trust figures: reports received, acted on and closed, response times and the residents'
// feedback, per week and per place. Charts are SVG built element by element; each has its figures as a table too.
import { api, areaName, categories, h, optionList, RTL, registerSection, state, t, view } from './ui.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 320;
const HEIGHT = 170;
const PAD = { top: 10, end: 6, bottom: 24, start: 30 };
/** Longer names are cut in a chart (in full in its table and tooltips). */
const LABEL_CHARS = 18;

/** Builds an SVG element; strings become text nodes, as with h(). */
function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) if (value !== null && value !== undefined) el.setAttribute(name, String(value));
  for (const child of children.flat()) if (child !== null && child !== undefined) el.append(child instanceof Node ? child : String(child));
  return el;
}

const short = (label) => (label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS - 1)}…` : label);
const number = (n) => (n === null || n === undefined ? '—' : n.toLocaleString('en-US'));
const duration = (minutes) => {
  if (minutes === null || minutes === undefined) return '—';
  if (minutes < 120) return `${number(minutes)} ${t('console-minutes')}`;
  return `${(minutes / 60).toLocaleString('en-US', { maximumFractionDigits: 1 })} ${t('console-dashboard-hours')}`;
};
const weekLabel = (day) =>
  new Date(`${day}T12:00:00+05:00`).toLocaleDateString(state.lang === 'en' ? 'en-GB' : `${state.lang}-PK`, { day: 'numeric', month: 'short', timeZone: 'Asia/Karachi', numberingSystem: 'latn' });

/** Which colour stands for what; the table under each chart says it all again for screen readers. */
function legend(series) {
  return h(
    'ul',
    { class: 'legend', 'aria-hidden': 'true' },
    series.map((one) => h('li', {}, s('svg', { viewBox: '0 0 10 10', class: 'key' }, s('rect', { width: 10, height: 10, class: `bar ${one.class}` })), one.label)),
  );
}

/** A round top for the vertical axis, with its step: 0, step, 2·step… */
function scale(max) {
  if (!(max > 0)) return { top: 4, step: 1 };
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((m) => m >= rough && (m >= 1 || power < 1)) ?? 10 * power;
  const whole = Math.max(1, step);
  return { top: Math.ceil(max / whole) * whole, step: whole };
}

/**
 * A chart of `series` (each { label, values, class }) over `labels`: bars side by side, stacked bars, or lines.
 * In right-to-left languages time runs from right to left, as the text does.
 */
function chart({ id, title, labels, series, kind = 'bars', format = number }) {
  const rtl = RTL.has(state.lang);
  const plotW = WIDTH - PAD.start - PAD.end;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (v, w = 0) => (rtl ? WIDTH - PAD.start - v - w : PAD.start + v);
  const totals = labels.map((_, i) => series.reduce((sum, one) => sum + (one.values[i] ?? 0), 0));
  const max = kind === 'stacked' ? Math.max(0, ...totals) : Math.max(0, ...series.flatMap((one) => one.values.map((v) => v ?? 0)));
  const { top, step } = scale(max);
  const y = (v) => PAD.top + plotH - (v / top) * plotH;
  const band = plotW / Math.max(1, labels.length);
  const every = Math.ceil(labels.length / 6);
  const captionId = `${id}-caption`;
  const svg = s('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-labelledby': captionId, class: 'chart-svg' });
  for (let v = 0; v <= top; v += step) {
    svg.append(
      s('line', { x1: x(0), x2: x(plotW), y1: y(v), y2: y(v), class: v === 0 ? 'axis' : 'grid' }),
      s('text', { x: rtl ? WIDTH - PAD.start + 4 : PAD.start - 4, y: y(v) + 4, 'text-anchor': rtl ? 'start' : 'end', class: 'tick' }, number(v)),
    );
  }
  labels.forEach((label, i) => {
    const start = i * band;
    if (i % every === 0) svg.append(s('text', { x: x(start + band / 2), y: HEIGHT - 8, 'text-anchor': 'middle', class: 'tick' }, label));
    if (kind === 'lines') return;
    let base = 0;
    const gap = band * 0.15;
    const width = kind === 'stacked' ? band - 2 * gap : (band - 2 * gap) / series.length;
    series.forEach((one, j) => {
      const value = one.values[i] ?? 0;
      const offset = kind === 'stacked' ? gap : gap + j * width;
      const bottom = kind === 'stacked' ? base : 0;
      if (value > 0) {
        svg.append(
          s(
            'rect',
            { x: x(start + offset, width), y: y(bottom + value), width: Math.max(1, width - 1), height: y(bottom) - y(bottom + value), class: `bar ${one.class}` },
            s('title', {}, `${label} · ${one.label}: ${format(value)}`),
          ),
        );
      }
      base += value;
    });
  });
  if (kind === 'lines') {
    for (const one of series) {
      let run = [];
      const draw = () => {
        if (run.length > 1) svg.append(s('polyline', { points: run.join(' '), class: `line ${one.class}` }));
        run = [];
      };
      // A week without a figure breaks the line rather than drawing it through zero.
      for (const [i, value] of one.values.entries()) {
        if (value === null || value === undefined) {
          draw();
          continue;
        }
        const cx = x(i * band + band / 2);
        run.push(`${cx},${y(value)}`);
        svg.append(s('circle', { cx, cy: y(value), r: 3, class: `dot ${one.class}` }, s('title', {}, `${labels[i]} · ${one.label}: ${format(value)}`)));
      }
      draw();
    }
  }
  const table = h(
    'table',
    { class: 'figures' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('console-dashboard-week')), series.map((one) => h('th', { scope: 'col' }, one.label)))),
    h('tbody', {}, labels.map((label, i) => h('tr', {}, h('th', { scope: 'row' }, label), series.map((one) => h('td', {}, format(one.values[i])))))),
  );
  return h(
    'figure',
    { class: 'chart card', id },
    h('figcaption', { id: captionId }, title),
    svg,
    legend(series),
    h('details', {}, h('summary', {}, t('console-dashboard-as-table')), h('div', { class: 'scroll' }, table)),
  );
}

/** Bars across, one group a row: for places and categories, whose names need the room. */
function barsAcross(captionId, labels, series) {
  const rtl = RTL.has(state.lang);
  const labelW = 128;
  const barH = 7;
  const rowH = barH * series.length + 10;
  const height = labels.length * rowH + 6;
  const plotW = WIDTH - labelW - PAD.end;
  const max = Math.max(1, ...series.flatMap((one) => one.values));
  const x = (v, w = 0) => (rtl ? WIDTH - labelW - v - w : labelW + v);
  const svg = s('svg', { viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-labelledby': captionId, class: 'chart-svg' });
  labels.forEach((label, i) => {
    const top = i * rowH + 4;
    svg.append(s('text', { x: rtl ? WIDTH - labelW + 6 : labelW - 6, y: top + (barH * series.length) / 2 + 4, 'text-anchor': rtl ? 'start' : 'end', class: 'tick' }, short(label)));
    series.forEach((one, j) => {
      const value = one.values[i] ?? 0;
      const width = (value / max) * plotW;
      svg.append(
        s('rect', { x: x(0, width), y: top + j * barH, width: Math.max(value > 0 ? 1 : 0, width), height: barH - 1, class: `bar ${one.class}` }, s('title', {}, `${label} · ${one.label}: ${number(value)}`)),
      );
    });
  });
  return svg;
}

/** A place or category's figures beside the others': bars of what came in and what was done, and every figure as a table. */
function breakdown(id, title, rows, name) {
  if (rows.length === 0) return null;
  const captionId = `${id}-caption`;
  const series = [
    { label: t('console-dashboard-received'), values: rows.map((r) => r.received), class: 's-received' },
    { label: t('console-dashboard-acted'), values: rows.map((r) => r.actedOn), class: 's-acted' },
    { label: t('console-dashboard-closed'), values: rows.map((r) => r.closed), class: 's-closed' },
  ];
  const columns = [
    ['console-dashboard-received', (r) => number(r.received)],
    ['console-dashboard-acted', (r) => number(r.actedOn)],
    ['console-dashboard-closed', (r) => number(r.closed)],
    ['console-dashboard-median-action', (r) => duration(r.medianActionMinutes)],
    ['console-dashboard-median-reply', (r) => duration(r.medianReplyMinutes)],
    ['console-dashboard-answers', (r) => number(r.feedback.answers)],
    ['console-dashboard-again', (r) => `${t('console-dashboard-yes')} ${number(r.feedback.again.yes)} · ${t('console-dashboard-no')} ${number(r.feedback.again.no)}`],
  ];
  const table = h(
    'table',
    { class: 'figures' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, title), columns.map(([key]) => h('th', { scope: 'col' }, t(key))))),
    h('tbody', {}, rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, name(r.id)), columns.map(([, cell]) => h('td', {}, cell(r)))))),
  );
  return h(
    'figure',
    { class: 'chart card', id },
    h('figcaption', { id: captionId }, title),
    barsAcross(captionId, rows.map((r) => name(r.id)), series),
    legend(series),
    h('details', {}, h('summary', {}, t('console-dashboard-as-table')), h('div', { class: 'scroll' }, table)),
  );
}

/** Districts and areas an officer may filter by: all for admins, their own for everyone else. */
function places() {
  const own = new Set(state.officer.areas);
  const mine = (a) => state.officer.role === 'admin' || own.has(a.id) || (a.district && own.has(a.district));
  return { districts: state.areas.filter((a) => a.kind === 'district' && mine(a)), areas: state.areas.filter((a) => a.kind === 'area' && mine(a)) };
}

async function showDashboard(_id, queryText) {
  const query = new URLSearchParams(queryText);
  const district = query.get('district') ?? '';
  const { districts, areas } = places();
  const field = (label, control) => h('label', {}, t(label), control);
  const filters = h(
    'form',
    { class: 'filters card', id: 'dashboard-filters' },
    field('console-filter-district', h('select', { name: 'district' }, optionList(districts.map((a) => a.id), areaName, district))),
    field('console-filter-area', h('select', { name: 'area' }, optionList(areas.filter((a) => !district || a.district === district).map((a) => a.id), areaName, query.get('area')))),
    field('console-filter-category', h('select', { name: 'category' }, optionList(categories(), (c) => t(`category-${c}`), query.get('category')))),
    field('console-dashboard-from', h('input', { type: 'date', name: 'from', value: query.get('from') ?? '' })),
    field('console-dashboard-to', h('input', { type: 'date', name: 'to', value: query.get('to') ?? '' })),
    h('button', { type: 'submit' }, t('console-apply')),
  );
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = new URLSearchParams();
    for (const [key, value] of new FormData(filters)) if (value) chosen.set(key, String(value));
    location.hash = `#/dashboard?${chosen}`;
  });
  filters.elements.district.addEventListener('change', () => {
    filters.elements.area.value = '';
    filters.requestSubmit();
  });

  const data = await api('GET', `/api/dashboard?${query}`);
  const total = data.total;
  const cards = [
    ['received', 'console-dashboard-received', number(total.received)],
    ['acted', 'console-dashboard-acted', number(total.actedOn)],
    ['closed', 'console-dashboard-closed', number(total.closed)],
    ['action', 'console-dashboard-median-action', duration(total.medianActionMinutes)],
    ['reply', 'console-dashboard-median-reply', duration(total.medianReplyMinutes)],
    ['answers', 'console-dashboard-answers', number(total.feedback.answers)],
  ];
  const summary = h(
    'dl',
    { class: 'totals', id: 'dashboard-totals', 'aria-label': t('console-dashboard-whole-period') },
    cards.map(([name, key, value]) => h('div', { 'data-figure': name }, h('dt', {}, t(key)), h('dd', {}, value))),
  );
  const labels = data.weeks.map((w) => weekLabel(w.week));
  const weekly = (pick) => data.weeks.map(pick);
  const treated = ['5', '4', '3', '2', '1'].map((n) => ({ label: t(`console-dashboard-treated-${n}`), values: weekly((w) => w.feedback.treated[n]), class: `s-treated-${n}` }));
  const charts = h(
    'div',
    { class: 'charts' },
    chart({
      id: 'chart-reports',
      title: t('console-dashboard-reports-chart'),
      labels,
      series: [
        { label: t('console-dashboard-received'), values: weekly((w) => w.received), class: 's-received' },
        { label: t('console-dashboard-acted'), values: weekly((w) => w.actedOn), class: 's-acted' },
        { label: t('console-dashboard-closed'), values: weekly((w) => w.closed), class: 's-closed' },
      ],
    }),
    chart({
      id: 'chart-times',
      title: t('console-dashboard-times-chart'),
      labels,
      kind: 'lines',
      format: duration,
      series: [
        { label: t('console-dashboard-median-action'), values: weekly((w) => w.medianActionMinutes), class: 's-action' },
        { label: t('console-dashboard-median-reply'), values: weekly((w) => w.medianReplyMinutes), class: 's-reply' },
      ],
    }),
    chart({ id: 'chart-treated', title: t('console-dashboard-treated-chart'), labels, kind: 'stacked', series: treated }),
    chart({
      id: 'chart-again',
      title: t('console-dashboard-again-chart'),
      labels,
      kind: 'stacked',
      series: [
        { label: t('console-dashboard-yes'), values: weekly((w) => w.feedback.again.yes), class: 's-yes' },
        { label: t('console-dashboard-no'), values: weekly((w) => w.feedback.again.no), class: 's-no' },
      ],
    }),
  );
  const category = (id) => t(`category-${id}`);
  view(
    t('console-dashboard-title'),
    filters,
    h('p', { class: 'meta', id: 'dashboard-period' }, `${weekLabel(data.from)} – ${weekLabel(data.to)}`),
    summary,
    total.received === 0 ? h('p', {}, t('console-dashboard-empty')) : null,
    query.get('category') ? h('p', { class: 'meta' }, t('console-dashboard-no-replies')) : null,
    charts,
    h(
      'div',
      { class: 'charts' },
      breakdown('by-district', t('console-dashboard-by-district'), data.districts, areaName),
      breakdown('by-area', t('console-dashboard-by-area'), data.areas, areaName),
      breakdown('by-category', t('console-dashboard-by-category'), data.categories, category),
    ),
    h('p', { class: 'meta' }, t('console-dashboard-note')),
  );
}

registerSection({ id: 'dashboard', label: 'console-dashboard-nav', roles: ['admin', 'officer', 'liaison'], show: showDashboard });
