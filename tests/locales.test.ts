import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { LANGUAGES } from '../src/engine/types.ts';
import { CatalogError, loadCatalog } from '../src/i18n/catalog.ts';
import { ROOT } from '../src/paths.ts';

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
