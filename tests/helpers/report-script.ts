import { join } from 'node:path';
import { loadCatalog } from '../../src/i18n/catalog.ts';
import { ROOT } from '../../src/paths.ts';

/** One message a resident sends, as the web chat API takes it. */
export type Turn = Record<string, unknown>;

/** A full named report in English, one answer per turn, each answered by exactly one reply. */
export const REPORT_TURNS: { send: Turn; answer: string }[] = [
  { send: { start: '' }, answer: 'language-prompt' },
  { send: { choice: 'en' }, answer: 'menu-prompt' },
  { send: { choice: 'report' }, answer: 'report-category' },
  { send: { text: '1' }, answer: 'report-area' },
  { send: { text: 'Korangi' }, answer: 'report-place' },
  { send: { text: 'near the bus stop' }, answer: 'report-when' },
  { send: { choice: 'just-now' }, answer: 'report-description' },
  { send: { text: 'two men on a motorcycle took my phone' }, answer: 'report-photo' },
  { send: { choice: 'skip' }, answer: 'report-anonymous' },
  { send: { text: 'no' }, answer: 'report-confirm' },
  { send: { choice: 'submit' }, answer: 'report-created' },
];

export const REPORT_SCRIPT: Turn[] = REPORT_TURNS.map((t) => t.send);

const catalog = loadCatalog(join(ROOT, 'locales'));

/** True when the replies are the report's questions in order, one each (texts with variables by their opening). */
export function followsReport(replies: string[]): boolean {
  if (replies.length !== REPORT_TURNS.length) return false;
  return REPORT_TURNS.every((turn, i) => {
    const marks = Object.fromEntries(catalog.variables('en', turn.answer).map((name) => [name, '\n']));
    const opening = catalog.format('en', turn.answer, marks).split('\n').find((line) => line.trim() !== '') ?? '';
    return replies[i]?.includes(opening.trim()) ?? false;
  });
}
