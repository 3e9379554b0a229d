import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadContent } from '../src/app.ts';
import { LANGUAGES } from '../src/engine/types.ts';
import { FlowError } from '../src/flows/load.ts';
import { CatalogError, loadCatalog } from '../src/i18n/catalog.ts';
import { ROOT } from '../src/paths.ts';
import { loadTipSeed } from '../src/tips/seed.ts';

const catalog = loadCatalog(join(ROOT, 'locales'));
const ARABIC_SCRIPT = /[\u0600-\u06FF]/;
// Texts that are the same in every language: language names in their own script, the empty-value dash.
const SAME_IN_EVERY_LANGUAGE = new Set(['language-ur', 'language-sd', 'language-en', 'value-none']);

test('every locale key exists in Urdu, Sindhi and English, with the same variables', () => {
  const all = new Set(LANGUAGES.flatMap((lang) => catalog.keys(lang)));
  assert.ok(all.size > 100, `only ${all.size} keys found`);
  const problems: string[] = [];
  for (const key of all) {
    for (const lang of LANGUAGES) {
      if (!catalog.has(lang, key)) problems.push(`${key} is missing in ${lang}`);
      else if (catalog.variables(lang, key).join() !== catalog.variables('en', key).join()) {
        problems.push(`${key} in ${lang} uses {${catalog.variables(lang, key)}} but en uses {${catalog.variables('en', key)}}`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('Urdu and Sindhi texts are written in Arabic script, and differ from each other', () => {
  const problems: string[] = [];
  for (const key of catalog.keys('en')) {
    if (SAME_IN_EVERY_LANGUAGE.has(key)) continue;
    const ur = catalog.format('ur', key, Object.fromEntries(catalog.variables('ur', key).map((v) => [v, '']))) ;
    const sd = catalog.format('sd', key, Object.fromEntries(catalog.variables('sd', key).map((v) => [v, ''])));
    if (!ARABIC_SCRIPT.test(ur)) problems.push(`ur ${key} has no Arabic-script text: ${ur}`);
    if (!ARABIC_SCRIPT.test(sd)) problems.push(`sd ${key} has no Arabic-script text: ${sd}`);
    if (ur === sd && ur.length > 12) problems.push(`${key} is identical in ur and sd`);
  }
  assert.deepEqual(problems, []);
});

test('no text uses emoji, which show as empty boxes where the device has no emoji font', () => {
  const problems = LANGUAGES.flatMap((lang) =>
    catalog
      .keys(lang)
      .filter((key) => /\p{Extended_Pictographic}/u.test(catalog.format(lang, key, Object.fromEntries(catalog.variables(lang, key).map((v) => [v, '1'])))))
      .map((key) => `${lang} ${key}`),
  );
  assert.deepEqual(problems, []);
});

test('a missing key or a syntax error in a locale file is reported with file and line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mohalla-locales-'));
  cpSync(join(ROOT, 'locales'), dir, { recursive: true });
  writeFileSync(join(dir, 'sd', 'broken.ftl'), 'good = fine\nbroken = { $unclosed\n');
  assert.throws(
    () => loadCatalog(dir),
    (error: unknown) => error instanceof CatalogError && error.problems.some((p) => /sd\/broken\.ftl:2: /.test(p)),
  );
  const partial = loadCatalog(join(ROOT, 'locales'));
  assert.throws(() => partial.format('ur', 'no-such-key'), /locale key "no-such-key" is missing in ur/);
  assert.throws(() => partial.format('ur', 'report-created', {}), /Unknown variable/);
});

test('every shipped safety tip is in all three languages, Urdu and Sindhi in Arabic script; a broken seed names file and entry', () => {
  const { flows } = loadContent();
  const seed = loadTipSeed(ROOT, catalog, flows.areas, flows.constants);
  const problems: string[] = [];
  for (const [topic, tips] of seed) {
    for (const [i, tip] of tips.entries()) {
      for (const lang of LANGUAGES) if (!tip.texts[lang]?.trim()) problems.push(`${topic}[${i}] has no ${lang} text`);
      for (const lang of ['ur', 'sd'] as const) if (!ARABIC_SCRIPT.test(tip.texts[lang] ?? '')) problems.push(`${topic}[${i}].${lang} is not in Arabic script`);
      if (tip.texts.ur === tip.texts.sd) problems.push(`${topic}[${i}] is identical in ur and sd`);
    }
  }
  assert.ok(seed.size >= 7, `only ${seed.size} topics`);
  assert.deepEqual(problems, []);

  const root = mkdtempSync(join(tmpdir(), 'mohalla-tips-'));
  cpSync(join(ROOT, 'data'), join(root, 'data'), { recursive: true });
  const broken = (yaml: string) => {
    writeFileSync(join(root, 'data', 'tips.yaml'), yaml);
    try {
      loadTipSeed(root, catalog, flows.areas, flows.constants);
      return [];
    } catch (error) {
      assert.ok(error instanceof FlowError);
      return error.problems;
    }
  };
  assert.deepEqual(broken('phone:\n  - { en: Keep it hidden., ur: فون چھپا کر رکھیں۔ }\n'), ['data/tips.yaml: phone[0].sd: Invalid input: expected string, received undefined']);
  assert.deepEqual(broken('phone:\n  - { en: Keep it hidden., ur: Phone chupa kar rakhein., sd: فون لڪائي رکو. }\n'), ['data/tips.yaml: phone[0].ur: must be written in Arabic script']);
  assert.deepEqual(broken('phone:\n  - { area: nowhere, en: "Call {nobody}.", ur: فون چھپا کر رکھیں۔, sd: فون لڪائي رکو. }\n'), [
    'data/tips.yaml: phone[0].area: no area "nowhere" in data/areas.yaml',
    'data/tips.yaml: phone[0].en: {nobody} is not an emergency number of data/emergency.yaml',
  ]);
});
