import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadContent } from '../src/app.ts';
import { areaSpellingClashes, matchArea } from '../src/engine/areas.ts';
import { detectIntents } from '../src/engine/intents.ts';
import { fold, parseNumber } from '../src/engine/normalise.ts';
import { formatReference, parseReference } from '../src/engine/reference.ts';

const { flows } = loadContent();

test('folding ignores case, diacritics, digit scripts and letter variants', () => {
  assert.equal(fold('Gulshan-e-Iqbal'), 'gulshan e iqbal');
  assert.equal(fold('گلشنِ اقبال'), 'گلشن اقبال');
  assert.equal(fold('كراچي'), fold('کراچی'));
  assert.equal(fold('\u2068KHI-4F7K\u2069'), 'khi 4f7k');
  assert.equal(fold('Bachaooo!!'), 'bachao', 'stretched letters count once');
  assert.equal(fold('SADDAR'), fold('sadar'));
  assert.equal(fold('1122'), '1122', 'digits are not squeezed');
  assert.equal(parseNumber('۳'), 3);
  assert.equal(parseNumber(' ٢. '), 2);
  assert.equal(parseNumber('3 phones'), null);
});

test('references survive the ways residents type them back', () => {
  const reference = formatReference(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
  assert.match(reference, /^KHI-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  assert.equal(parseReference(reference.toLowerCase()), reference);
  assert.equal(parseReference(reference.replaceAll('-', ' ')), reference);
  assert.equal(parseReference(reference.slice(4)), reference);
  assert.equal(parseReference('khi-0o1i-l234'), 'KHI-0011-1234');
  assert.equal(parseReference('KHI-123'), null);
  assert.equal(parseReference('hello world'), null);
});

test('areas match by any name, alias or close spelling, also inside a longer message', () => {
  const { areas } = flows;
  const named = (text: string) => matchArea(areas, text).area?.id;
  assert.equal(named('Korangi'), 'korangi');
  assert.equal(named('ڪورنگي'), 'korangi');
  assert.equal(named('گلشن اقبال'), 'gulshan-e-iqbal');
  assert.equal(named('gulshan'), 'gulshan-e-iqbal');
  assert.equal(named('Saddar'), 'saddar');
  assert.deepEqual(matchArea(areas, 'Korangi').more, false);
  assert.deepEqual(matchArea(areas, 'Korangi 5').more, true);
  assert.equal(named('north nazimabad block H'), 'north-nazimabad', 'the longest name wins over "nazimabad"');
  assert.equal(named('Clifton, Karachi South'), 'clifton', 'a district beside one of its areas adds nothing');
  assert.deepEqual(matchArea(areas, 'clifton block 5 near boat basin').candidates.map((a) => a.id).sort(), ['boat-basin', 'clifton']);
  assert.equal(matchArea(areas, 'korangy').candidates[0]?.id, 'korangi');
  assert.deepEqual(matchArea(areas, 'Timbuktu'), { area: null, candidates: [], more: false });
  for (const required of ['korangi', 'malir', 'gulshan-e-iqbal', 'saddar', 'central']) {
    assert.ok(areas.some((a) => a.id === required), `${required} is in data/areas.yaml`);
  }
  assert.equal(areas.filter((a) => a.kind === 'district').length, 7);
  assert.ok(areas.filter((a) => a.kind === 'area').length >= 40);
});

test('an ambiguous spelling asks, and a spelling may not name two areas', () => {
  const { areas } = flows;
  assert.deepEqual(matchArea(areas, 'garden'), { area: null, candidates: areas.filter((a) => a.ambiguous.includes('garden')), more: false });
  assert.equal(matchArea(areas, 'garden east').area?.id, 'garden-east');
  assert.deepEqual(areaSpellingClashes(areas), []);
  const korangi = areas.find((a) => a.id === 'korangi');
  const landhi = areas.find((a) => a.id === 'landhi');
  assert.ok(korangi && landhi);
  assert.deepEqual(areaSpellingClashes([korangi, { ...landhi, aliases: ['Korangee'] }]), [
    '"Korangee" names both "korangi" and "landhi": list it under ambiguous for both',
  ]);
});

test('emergency words are found anywhere, commands only as the whole message', () => {
  const k = flows.keywords;
  assert.deepEqual(detectIntents('bachao!', k), { emergency: true, onlyEmergency: true, command: null });
  assert.deepEqual(detectIntents('مدد کریں کوئی میرے پیچھے ہے', k).emergency, true);
  assert.deepEqual(detectIntents('مدد کریں کوئی میرے پیچھے ہے', k).onlyEmergency, false);
  assert.equal(detectIntents('Menu', k).command, 'menu');
  assert.equal(detectIntents('۰', k).command, 'menu');
  assert.equal(detectIntents('the menu was good', k).command, null);
  assert.equal(detectIntents('STOP', k).command, 'stop');
  assert.equal(detectIntents('بند', k).command, 'stop');
  assert.equal(detectIntents('ٻولي', k).command, 'language');
});
