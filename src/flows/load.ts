import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { areaSpellingClashes } from '../engine/areas.ts';
import { SYSTEM_FLOWS } from '../engine/engine.ts';
import { ENGINE_KEYS } from '../engine/keys.ts';
import {
  type AreaDef,
  type FlowDef,
  type FlowSet,
  type GotoTarget,
  type Keywords,
  LANGUAGES,
  type StepDef,
  type Vars,
} from '../engine/types.ts';
import type { Catalog } from '../i18n/catalog.ts';
import { areasSchema, emergencySchema, flowSchema, keywordsSchema, MAX_CHOICES, STEP_KINDS, stepSchemas } from './schema.ts';

/** Every problem found in the flows and their data, each naming file, step and field. */
export class FlowError extends Error {
  constructor(readonly problems: string[]) {
    super(`flows are invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  ${problems.join('\n  ')}`);
  }
}

export interface LoadOptions {
  /** Project root holding flows/, data/. */
  root: string;
  catalog: Catalog;
  /** Names of the actions the host can run. */
  actions: readonly string[];
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '');
}

function issues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${fieldPath(issue.path) || '(top)'}: ${issue.message}`);
}

/** Reads a YAML file; syntax errors are reported with their line. */
function readYaml(path: string, label: string, problems: string[]): unknown {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch {
    problems.push(`${label}: cannot be read`);
    return undefined;
  }
  const doc = parseDocument(source);
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const reason = (e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      problems.push(`${label}:${e.linePos?.[0]?.line ?? '?'}: ${reason}`);
    }
    return undefined;
  }
  return doc.toJS();
}

function parseStep(raw: unknown, index: number, where: string, problems: string[]): StepDef | null {
  const id = typeof raw === 'object' && raw !== null && 'id' in raw ? String((raw as { id: unknown }).id) : null;
  const label = id ? `${where}: step "${id}"` : `${where}: step #${index + 1}`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push(`${label}: must be a map with an id and one of ${STEP_KINDS.join(', ')}`);
    return null;
  }
  const kinds = STEP_KINDS.filter((k) => k in raw);
  if (kinds.length !== 1) {
    const found = kinds.length === 0 ? 'none' : kinds.join(' and ');
    problems.push(`${label}: needs exactly one of ${STEP_KINDS.join(', ')} (found ${found})`);
    return null;
  }
  const kind = kinds[0] as (typeof STEP_KINDS)[number];
  const parsed = stepSchemas[kind].safeParse(raw);
  if (!parsed.success) {
    for (const problem of issues(parsed.error)) problems.push(`${label}: ${problem}`);
    return null;
  }
  return { ...parsed.data, kind } as StepDef;
}

/** A YAML file checked against its schema; every problem is added to `problems`, with the file's label. */
export function readValidated<T>(path: string, label: string, schema: z.ZodType<T>, problems: string[]): T | null {
  const raw = readYaml(path, label, problems);
  if (raw === undefined) return null;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  for (const problem of issues(parsed.error)) problems.push(`${label}: ${problem}`);
  return null;
}

function loadFlowFile(path: string, label: string, problems: string[]): FlowDef | null {
  const flow = readValidated(path, label, flowSchema, problems);
  if (!flow) return null;
  if (basename(path) !== `${flow.id}.yaml`) problems.push(`${label}: id: "${flow.id}" must match the file name`);
  const before = problems.length;
  const steps = flow.steps.map((step, i) => parseStep(step, i, label, problems));
  if (problems.length > before) return null;
  return {
    id: flow.id,
    steps: steps as StepDef[],
    ...(flow.confirm ? { confirm: flow.confirm } : {}), ...(flow.timeout ? { timeout: flow.timeout } : {}),
    ...(flow.interrupts ? { interrupts: flow.interrupts } : {}),
  };
}

/** Locale keys a step shows, with the field each comes from. */
function keysOf(step: StepDef): [string, string][] {
  switch (step.kind) {
    case 'say':
      return [['say', step.say]];
    case 'ask': {
      const keys: [string, string][] = [['ask.prompt', step.ask.prompt]];
      if (step.ask.hint) keys.push(['ask.hint', step.ask.hint]);
      for (const [i, c] of (step.ask.choices ?? []).entries()) keys.push([`ask.choices[${i}].label`, c.label]);
      return keys;
    }
    default:
      return [];
  }
}

/** A locale key must exist in every language; `where` names the file and field that use it. */
function checkKey(catalog: Catalog, where: string, key: string, problems: string[]): void {
  const missing = LANGUAGES.filter((lang) => !catalog.has(lang, key));
  if (missing.length > 0) problems.push(`${where}: locale key "${key}" is missing in ${missing.join(', ')}`);
}

function targetsOf(step: StepDef): [string, GotoTarget][] {
  if (step.kind === 'goto') return [['goto', step.goto]];
  if (step.kind !== 'branch') return [];
  const targets: [string, GotoTarget][] = step.branch.map((arm, i) => [`branch[${i}].goto`, arm.goto]);
  if (step.otherwise !== undefined) targets.push(['otherwise', step.otherwise]);
  return targets;
}

function checkFlows(flows: Map<string, FlowDef>, labels: Map<string, string>, options: LoadOptions, problems: string[]): void {
  for (const name of SYSTEM_FLOWS) if (!flows.has(name)) problems.push(`flows/${name}.yaml: missing (this flow is started by name)`);
  for (const flow of flows.values()) {
    const where = labels.get(flow.id) ?? flow.id;
    const flowKeys = Object.entries(flow.confirm ?? {}).map(([name, key]): [string, string] => [`confirm.${name}`, key]);
    if (flow.timeout) flowKeys.push(['timeout', flow.timeout]);
    for (const [field, key] of flowKeys) checkKey(options.catalog, `${where}: ${field}`, key, problems);
    for (const [i, other] of (flow.interrupts ?? []).entries()) {
      if (!flows.has(other)) problems.push(`${where}: interrupts[${i}]: no flow "${other}"`);
    }
    const seen = new Set<string>();
    for (const step of flow.steps) {
      const label = `${where}: step "${step.id}"`;
      if (seen.has(step.id)) problems.push(`${label}: id: used by another step of this flow`);
      seen.add(step.id);
      for (const [field, key] of keysOf(step)) checkKey(options.catalog, `${label}: ${field}`, key, problems);
      if (step.kind === 'ask' && (step.ask.choices?.length ?? 0) + (step.ask.optional ? 1 : 0) > MAX_CHOICES) {
        problems.push(`${label}: ask.choices: at most ${MAX_CHOICES} rows, "skip" included (WhatsApp lists allow no more)`);
      }
      if (step.kind === 'action' && !options.actions.includes(step.action)) {
        problems.push(`${label}: action: unknown action "${step.action}" (known: ${options.actions.join(', ')})`);
      }
      for (const [field, target] of targetsOf(step)) {
        const flowId = typeof target === 'string' ? flow.id : target.flow;
        const stepId = typeof target === 'string' ? target : target.step;
        const targetFlow = flows.get(flowId);
        if (!targetFlow) problems.push(`${label}: ${field}: no flow "${flowId}"`);
        else if (stepId && !targetFlow.steps.some((s) => s.id === stepId)) {
          problems.push(`${label}: ${field}: flow "${flowId}" has no step "${stepId}"`);
        }
      }
    }
  }
}

function loadAreas(root: string, problems: string[]): AreaDef[] {
  const label = 'data/areas.yaml';
  const data = loadData(root, 'areas.yaml', areasSchema, problems);
  if (!data) return [];
  const districts: AreaDef[] = data.districts.map((d) => ({ ...d, kind: 'district', district: null }));
  const towns: AreaDef[] = data.areas.map((a) => ({ ...a, kind: 'area', offered: [] }));
  const all = [...districts, ...towns];
  const ids = new Set<string>();
  for (const area of all) {
    if (ids.has(area.id)) problems.push(`${label}: area "${area.id}": id: used twice`);
    ids.add(area.id);
  }
  for (const town of towns) {
    if (!districts.some((d) => d.id === town.district)) problems.push(`${label}: area "${town.id}": district: no district "${town.district}"`);
  }
  for (const district of districts) {
    for (const id of district.offered) {
      if (!towns.some((t) => t.id === id && t.district === district.id)) problems.push(`${label}: district "${district.id}": offered: "${id}" is not an area of this district`);
    }
  }
  for (const clash of areaSpellingClashes(all)) problems.push(`${label}: ${clash}`);
  return all;
}

function loadData<T>(root: string, file: string, schema: z.ZodType<T>, problems: string[]): T | null {
  return readValidated(join(root, 'data', file), `data/${file}`, schema, problems);
}

/** Loads and checks flows/*.yaml and the data they match against; throws a FlowError listing every problem. */
export function loadFlowSet(options: LoadOptions): FlowSet {
  const problems: string[] = [];
  const dir = join(options.root, 'flows');
  const flows = new Map<string, FlowDef>();
  const labels = new Map<string, string>();
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort();
  } catch {
    problems.push(`${relative(options.root, dir)}: folder missing`);
  }
  for (const file of files) {
    const label = relative(options.root, join(dir, file));
    const flow = loadFlowFile(join(dir, file), label, problems);
    if (!flow) continue;
    if (flows.has(flow.id)) problems.push(`${label}: id: flow "${flow.id}" is defined twice`);
    flows.set(flow.id, flow);
    labels.set(flow.id, label);
  }
  checkFlows(flows, labels, options, problems);
  for (const key of ENGINE_KEYS) checkKey(options.catalog, 'locales (used by the engine)', key, problems);
  const areas = loadAreas(options.root, problems);
  const keywords: Keywords | null = loadData(options.root, 'keywords.yaml', keywordsSchema, problems);
  const emergency = loadData(options.root, 'emergency.yaml', emergencySchema, problems);
  if (problems.length > 0 || !keywords || !emergency) throw new FlowError(problems);
  const constants: Vars = { ...emergency.numbers };
  const { catalog } = options;
  // Choice matching looks labels up for every typed answer; they never change while the process runs.
  const labelCache = new Map<string, string | undefined>();
  const label = (lang: (typeof LANGUAGES)[number], key: string): string | undefined => {
    const cacheKey = `${lang}:${key}`;
    if (!labelCache.has(cacheKey)) labelCache.set(cacheKey, catalog.has(lang, key) ? catalog.format(lang, key) : undefined);
    return labelCache.get(cacheKey);
  };
  return { flows, areas, keywords, constants, label };
}
