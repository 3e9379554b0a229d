import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { loadCatalog } from '../src/i18n/catalog.ts';
import { FlowError, loadFlowSet } from '../src/flows/load.ts';
import { ROOT } from '../src/paths.ts';
import { ACTION_NAMES } from '../src/pipeline/actions.ts';

const catalog = loadCatalog(join(ROOT, 'locales'));
const areas = readFileSync(join(ROOT, 'data', 'areas.yaml'), 'utf8');

/** A copy of the project's flows and data with `files` written over it. */
function projectWith(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'mohalla-flows-'));
  cpSync(join(ROOT, 'flows'), join(root, 'flows'), { recursive: true });
  cpSync(join(ROOT, 'data'), join(root, 'data'), { recursive: true });
  for (const [path, content] of Object.entries(files)) writeFileSync(join(root, path), content);
  return root;
}

function problemsOf(files: Record<string, string>): string[] {
  try {
    loadFlowSet({ root: projectWith(files), catalog, actions: ACTION_NAMES });
  } catch (error) {
    if (error instanceof FlowError) return error.problems;
    throw error;
  }
  return [];
}

test('the shipped flows are valid', () => {
  assert.deepEqual(problemsOf({}), []);
});

test('a broken flow file gives an error naming file, step and field', () => {
  const cases: [string, string, RegExp][] = [
    ['flows/report.yaml', 'id: report\nsteps:\n  - id: a\n    say: [oops\n', /^flows\/report\.yaml:\d+: Flow sequence in block collection must be sufficiently indented and end with a \]$/],
    ['flows/extra.yaml', 'id: extra\nsteps:\n  - id: first\n    ask:\n      type: choice\n      prompt: report-category\n      save: x\n', /^flows\/extra\.yaml: step "first": ask\.choices: a choice question needs choices$/],
    ['flows/extra.yaml', 'id: extra\nsteps:\n  - id: first\n    ask:\n      type: choice\n      prompt: report-category\n      save: x\n      choices:\n        - { id: a, label: no-such-key }\n', /^flows\/extra\.yaml: step "first": ask\.choices\[0\]\.label: locale key "no-such-key" is missing in ur, sd, en$/],
    ['flows/extra.yaml', 'id: extra\nsteps:\n  - id: first\n    goto: nowhere\n', /^flows\/extra\.yaml: step "first": goto: flow "extra" has no step "nowhere"$/],
    ['flows/extra.yaml', 'id: extra\nsteps:\n  - id: first\n    goto: { flow: ghost }\n', /^flows\/extra\.yaml: step "first": goto: no flow "ghost"$/],
    ['flows/extra.yaml', 'id: extra\nsteps:\n  - id: first\n    action: launch_rockets\n', /^flows\/extra\.yaml: step "first": action: unknown action "launch_rockets"/],
    ['flows/extra.yaml', 'id: extra\nsteps:\n  - id: first\n    say: welcome\n    goto: menu\n', /^flows\/extra\.yaml: step "first": needs exactly one of say, ask, branch, action, goto, end \(found say and goto\)$/],
    ['flows/extra.yaml', 'id: extra\nsteps:\n  - say: welcome\n', /^flows\/extra\.yaml: step #1: id: /],
    ['flows/extra.yaml', 'id: extra\nsteps:\n  - id: a\n    say: welcome\n  - id: a\n    end: true\n', /^flows\/extra\.yaml: step "a": id: used by another step of this flow$/],
    ['flows/extra.yaml', 'id: other\nsteps:\n  - id: a\n    end: true\n', /^flows\/extra\.yaml: id: "other" must match the file name$/],
    ['flows/extra.yaml', 'id: extra\nsteps:\n  - id: a\n    ask: { type: telepathy, prompt: welcome, save: x }\n', /^flows\/extra\.yaml: step "a": ask\.type: /],
    ['data/areas.yaml', 'districts: []\nareas: []\n', /^data\/areas\.yaml: districts: /],
    ['data/areas.yaml', areas.replace('offered: [saddar,', 'offered: [korangi,'), /^data\/areas\.yaml: district "south": offered: "korangi" is not an area of this district$/],
    ['data/areas.yaml', areas.replace('aliases: [landi,', 'aliases: [korangee, landi,'), /^data\/areas\.yaml: "korangee" names both "korangi" and "landhi": list it under ambiguous for both$/],
    ['flows/extra.yaml', `id: extra\nsteps:\n  - id: first\n    ask:\n      type: choice\n      prompt: report-category\n      save: x\n      optional: true\n      choices:\n${'        - { id: a, label: welcome }\n'.repeat(10)}`, /^flows\/extra\.yaml: step "first": ask\.choices: at most 10 rows, "skip" included/],
  ];
  for (const [file, content, expected] of cases) {
    const problems = problemsOf({ [file]: content });
    assert.ok(problems.some((p) => expected.test(p)), `${file} with ${JSON.stringify(content)}:\n  expected ${expected}\n  got ${problems.join('\n      ')}`);
  }
});

test('npm run flows:check passes on the shipped flows', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(ROOT, 'src/flows/check.ts')]);
  assert.match(stdout, /^flows OK: \d+ flows, \d+ steps/);
});
