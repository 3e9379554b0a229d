import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FluentBundle, FluentResource } from '@fluent/bundle';
import { lineOffset, parse, Visitor, type VariableReference } from '@fluent/syntax';
import { LANGUAGES, type Lang } from '../engine/types.ts';

/** Every resident-facing text, per language: `locales/<lang>/*.ftl` in Fluent syntax. */
export interface Catalog {
  has(lang: Lang, key: string): boolean;
  keys(lang: Lang): string[];
  /** Names of the variables a message uses, to check that translations use the same ones. */
  variables(lang: Lang, key: string): string[];
  /** Formats a message; a missing message or variable is an error, never silently shown to a resident. */
  format(lang: Lang, key: string, args?: Record<string, string | number>): string;
}

export class CatalogError extends Error {
  constructor(readonly problems: string[]) {
    super(`locales are broken:\n  ${problems.join('\n  ')}`);
  }
}

class VariableCollector extends Visitor {
  readonly names = new Set<string>();
  override visitVariableReference(node: VariableReference): void {
    this.names.add(node.id.name);
  }
}

interface LangData {
  bundle: FluentBundle;
  variables: Map<string, string[]>;
}

function loadLanguage(dir: string, lang: Lang, problems: string[]): LangData {
  // Isolation marks (U+2068/2069) around variables show as boxes in some chat apps and break copy-pasting a
  // reference; messages put references on lines of their own instead. Numbers ("3 reports") are in Latin digits
  // in every language, like the references and PINs residents type back.
  const bundle = new FluentBundle(`${lang}-u-nu-latn`, { useIsolating: false });
  const variables = new Map<string, string[]>();
  const folder = join(dir, lang);
  let files: string[] = [];
  try {
    files = readdirSync(folder).filter((f) => f.endsWith('.ftl')).sort();
  } catch {
    problems.push(`${folder}: folder missing`);
  }
  for (const file of files) {
    const path = join(folder, file);
    const source = readFileSync(path, 'utf8');
    const ast = parse(source, { withSpans: true });
    for (const entry of ast.body) {
      if (entry.type === 'Junk') {
        const line = lineOffset(source, entry.span?.start ?? 0) + 1;
        const reason = entry.annotations.map((a) => a.message).join('; ');
        problems.push(`${path}:${line}: ${reason || 'syntax error'}`);
      } else if (entry.type === 'Message') {
        const collector = new VariableCollector();
        collector.visit(entry);
        variables.set(entry.id.name, [...collector.names].sort());
      }
    }
    for (const error of bundle.addResource(new FluentResource(source))) problems.push(`${path}: ${error.message}`);
  }
  return { bundle, variables };
}

export function loadCatalog(dir: string): Catalog {
  const problems: string[] = [];
  const data = new Map(LANGUAGES.map((lang) => [lang, loadLanguage(dir, lang, problems)]));
  if (problems.length > 0) throw new CatalogError(problems);
  const get = (lang: Lang): LangData => data.get(lang) as LangData;
  return {
    has: (lang, key) => get(lang).bundle.hasMessage(key),
    keys: (lang) => [...get(lang).variables.keys()],
    variables: (lang, key) => get(lang).variables.get(key) ?? [],
    format(lang, key, args = {}) {
      const { bundle } = get(lang);
      const message = bundle.getMessage(key);
      if (!message?.value) throw new Error(`locale key "${key}" is missing in ${lang}`);
      const errors: Error[] = [];
      const text = bundle.formatPattern(message.value, args, errors);
      if (errors.length > 0) throw new Error(`locale key "${key}" in ${lang}: ${errors.map((e) => e.message).join('; ')}`);
      return text;
    },
  };
}
