import { type AreaDef, LANGUAGES } from '../engine/types.ts';
import { audit } from '../store/audit.ts';
import type { Db, Sql } from '../store/db.ts';
import { deleteTip, getTip, insertTip, listTips, type Tip, type TipChange, type TipTexts, updateTip } from '../store/tips.ts';
import { ConflictError, covers, ForbiddenError, NotFoundError, type Officer } from './access.ts';

/**
 * Who may change a tip: admins any; officers those of the areas they cover, never the city-wide ones (shown to
 * every resident, they speak for the whole police); liaison officers none.
 */
function mayEdit(officer: Officer, areas: AreaDef[], areaId: string | null): boolean {
  if (officer.role === 'admin') return true;
  return officer.role === 'officer' && areaId !== null && covers(officer, areas, areaId);
}

function requireEdit(officer: Officer, areas: AreaDef[], areaId: string | null): void {
  if (mayEdit(officer, areas, areaId)) return;
  if (officer.role === 'liaison') throw new ForbiddenError('liaison officers can read the tips but not change them');
  throw new ForbiddenError(areaId === null ? 'only admins change the city-wide tips' : `area "${areaId}" is outside your areas`);
}

/** Texts as stored: trimmed, empty languages left out; at least one language must remain. */
function cleanTexts(texts: TipTexts): TipTexts {
  const clean: TipTexts = {};
  for (const lang of LANGUAGES) {
    const text = texts[lang]?.trim();
    if (text) clean[lang] = text;
  }
  if (Object.keys(clean).length === 0) throw new ConflictError('a tip needs a text in at least one language');
  return clean;
}

async function editable(sql: Sql, officer: Officer, areas: AreaDef[], id: number): Promise<Tip> {
  const tip = await getTip(sql, id);
  if (!tip) throw new NotFoundError('no such tip');
  requireEdit(officer, areas, tip.areaId);
  return tip;
}

export interface TipQuery {
  topic?: string | undefined;
  /** An area id, "city" for the city-wide tips only; unset: all of them. */
  area?: string | undefined;
  /** Only tips with a text in this language. */
  lang?: string | undefined;
}

/** Tips as the console lists them, each saying whether this officer may change it. */
export async function findTips(db: Db, officer: Officer, areas: AreaDef[], query: TipQuery): Promise<(Tip & { editable: boolean })[]> {
  const areaId = query.area === undefined ? undefined : query.area === 'city' ? null : query.area;
  const tips = await listTips(db, { topic: query.topic, areaId });
  return tips
    .filter((tip) => !query.lang || tip.texts[query.lang as keyof TipTexts])
    .map((tip) => ({ ...tip, editable: mayEdit(officer, areas, tip.areaId) }));
}

export async function createTip(db: Db, officer: Officer, areas: AreaDef[], tip: { topic: string; areaId: string | null; texts: TipTexts }): Promise<Tip> {
  if (tip.areaId !== null && !areas.some((a) => a.id === tip.areaId)) throw new ConflictError(`no area "${tip.areaId}"`);
  requireEdit(officer, areas, tip.areaId);
  const texts = cleanTexts(tip.texts);
  return db.tx(async (sql) => {
    const created = await insertTip(sql, { topic: tip.topic, areaId: tip.areaId, texts, updatedBy: officer.username });
    await audit(sql, officer.id, 'tip.create', String(created.id), { topic: created.topic, area: created.areaId, texts });
    return created;
  });
}

export async function changeTip(db: Db, officer: Officer, areas: AreaDef[], id: number, change: TipChange): Promise<Tip> {
  return db.tx(async (sql) => {
    const before = await editable(sql, officer, areas, id);
    const clean = { ...change, ...(change.texts ? { texts: cleanTexts(change.texts) } : {}) };
    const changed = (await updateTip(sql, id, clean, officer.username)) as Tip;
    await audit(sql, officer.id, 'tip.change', String(id), { topic: before.topic, area: before.areaId, before: before.texts, ...clean });
    return changed;
  });
}

export async function removeTip(db: Db, officer: Officer, areas: AreaDef[], id: number): Promise<void> {
  await db.tx(async (sql) => {
    const tip = await editable(sql, officer, areas, id);
    await deleteTip(sql, id);
    await audit(sql, officer.id, 'tip.delete', String(id), { topic: tip.topic, area: tip.areaId, texts: tip.texts });
  });
}

/** Puts the tips of one topic and area in the order given. */
export async function reorderTips(db: Db, officer: Officer, areas: AreaDef[], ids: number[]): Promise<Tip[]> {
  return db.tx(async (sql) => {
    const tips = [];
    for (const id of ids) tips.push(await editable(sql, officer, areas, id));
    const [first] = tips;
    if (first && tips.some((t) => t.topic !== first.topic || t.areaId !== first.areaId)) throw new ConflictError('only tips of one topic and area can be put in order together');
    const ordered = [];
    for (const [index, id] of ids.entries()) ordered.push((await updateTip(sql, id, { position: index + 1 }, officer.username)) as Tip);
    await audit(sql, officer.id, 'tip.reorder', first ? first.topic : null, { area: first?.areaId ?? null, ids });
    return ordered;
  });
}
