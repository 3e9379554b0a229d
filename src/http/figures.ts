import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { type AreaDef, LANGUAGES, type Lang } from '../engine/types.ts';
import type { Catalog } from '../i18n/catalog.ts';
import { publicFigures } from '../officers/public-figures.ts';
import type { Db } from '../store/db.ts';

export interface FiguresOptions {
  db: Db;
  catalog: Catalog;
  areas: AreaDef[];
  /** Fewer reports than this in a week, and no figure is shown (PUBLIC_FIGURES_MIN_REPORTS). */
  minReports: number;
}

const FONT_FILE = /^\/(400\.css|files\/[\w.-]+\.woff2?)$/;
const LANGUAGE_NAMES: Record<Lang, string> = { ur: 'اردو', sd: 'سنڌي', en: 'English' };
/** The figures change as reports come in, but nobody needs them to the second. */
const MAX_AGE_SECONDS = 300;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `
body { font-family: 'Noto Naskh Arabic', system-ui, sans-serif; margin: 0 auto; max-width: 40rem; padding: 1rem; color: #1d2a33; background: #f6f7f4; line-height: 1.7; }
header { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline; gap: .5rem; }
h1 { font-size: 1.5rem; margin: 0; }
nav a { margin-inline-start: .75rem; color: #0b5e4b; }
nav a[aria-current] { font-weight: bold; text-decoration: none; color: inherit; }
dl { display: grid; grid-template-columns: repeat(auto-fit, minmax(8.5rem, 1fr)); gap: .75rem; margin: 1.25rem 0; }
dl div { background: #fff; border-radius: .5rem; padding: .75rem 1rem; box-shadow: 0 1px 2px #0002; }
dt { font-size: .95rem; color: #4a5a63; }
dd { margin: 0; font-size: 1.6rem; font-weight: bold; }
.period, .note { color: #4a5a63; }
.too-few { background: #fff; border-radius: .5rem; padding: 1rem; }
`;

function page(lang: Lang, title: string, body: string, path: string): string {
  const dir = lang === 'en' ? 'ltr' : 'rtl';
  const links = LANGUAGES.map((l) => `<a href="${escapeHtml(path)}?lang=${l}" lang="${l}"${l === lang ? ' aria-current="page"' : ''}>${LANGUAGE_NAMES[l]}</a>`).join('');
  return `<!doctype html>
<html lang="${lang}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/figures/fonts/400.css">
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1><nav aria-label="Language">${links}</nav></header>
${body}
</body>
</html>
`;
}

/**
 * The public page of an area's figures (`/figures/<area>?lang=ur|sd|en`): reports received, acted on and
 * closed in the last week and the median time to the police taking one up. Server-rendered, no script, no
 * personal data; no figure at all for an area with fewer reports than the threshold.
 */
export async function figuresRoutes(app: FastifyInstance, options: FiguresOptions): Promise<void> {
  const { catalog } = options;
  const byId = new Map(options.areas.map((a) => [a.id, a]));
  await app.register(fastifyStatic, {
    root: dirname(createRequire(import.meta.url).resolve('@fontsource/noto-naskh-arabic/400.css')),
    prefix: '/figures/fonts/',
    decorateReply: false,
    allowedPath: (path) => FONT_FILE.test(path),
  });

  app.get<{ Params: { area: string }; Querystring: { lang?: Lang } }>(
    '/figures/:area',
    {
      schema: {
        params: { type: 'object', required: ['area'], properties: { area: { type: 'string', maxLength: 100 } } },
        querystring: { type: 'object', properties: { lang: { type: 'string', enum: [...LANGUAGES] } } },
      },
    },
    async (request, reply) => {
      const lang = request.query.lang ?? 'ur';
      const area = byId.get(request.params.area.toLowerCase());
      const path = `/figures/${request.params.area}`;
      reply.type('text/html; charset=utf-8');
      if (!area) {
        const text = catalog.format(lang, 'figures-page-unknown');
        return reply.code(404).send(page(lang, 'Mohalla', `<p class="too-few">${escapeHtml(text)}</p>`, path));
      }
      const name = area.names[lang];
      const { figures } = await publicFigures(options.db, area.id, options.areas, options.minReports);
      const date = new Intl.DateTimeFormat(`${lang}-PK`, { dateStyle: 'long', timeZone: 'Asia/Karachi', numberingSystem: 'latn' }).format(new Date());
      const period = `<p class="period">${escapeHtml(catalog.format(lang, 'figures-page-period', { date }))}</p>`;
      let body: string;
      if (!figures) {
        body = `${period}<p class="too-few">${escapeHtml(catalog.format(lang, 'figures-page-too-few', { min_reports: options.minReports }))}</p>`;
      } else {
        const item = (key: string, value: string) => `<div><dt>${escapeHtml(catalog.format(lang, key))}</dt><dd>${escapeHtml(value)}</dd></div>`;
        const median = figures.medianResponseHours === null ? catalog.format(lang, 'figures-page-not-yet') : catalog.format(lang, 'figures-page-hours', { hours: figures.medianResponseHours });
        body = `${period}<dl>${item('figures-page-received', String(figures.received))}${item('figures-page-acted', String(figures.actedOn))}${item('figures-page-closed', String(figures.closed))}${item('figures-page-median', median)}</dl>`;
      }
      body += `<p class="note">${escapeHtml(catalog.format(lang, 'figures-page-note'))}</p>`;
      reply.header('cache-control', `public, max-age=${MAX_AGE_SECONDS}`);
      return page(lang, catalog.format(lang, 'figures-page-title', { area: name }), body, path);
    },
  );
}
