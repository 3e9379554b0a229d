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

/** True when the replies are the texts of `keys` in order, one each (texts with variables by their opening). */
export function answersFollow(replies: string[], keys: string[]): boolean {
  if (replies.length !== keys.length) return false;
  return keys.every((key, i) => {
    const marks = Object.fromEntries(catalog.variables('en', key).map((name) => [name, '\n']));
    const opening = catalog.format('en', key, marks).split('\n').find((line) => line.trim() !== '') ?? '';
    return replies[i]?.includes(opening.trim()) ?? false;
  });
}

/** True when the replies are the report's questions in order, one each. */
export function followsReport(replies: string[]): boolean {
  return answersFollow(
    replies,
    REPORT_TURNS.map((turn) => turn.answer),
  );
}
