import type { Lang } from '../engine/types.ts';
import type { Sql } from './db.ts';

/** A tip's text per language; a language without one does not show the tip. */
export type TipTexts = Partial<Record<Lang, string>>;

export interface Tip {
  id: number;
  topic: string;
  /** A district or area id; null: shown to everyone. */
  areaId: string | null;
  texts: TipTexts;
  position: number;
  active: boolean;
  /** The username of the officer who changed it last; "seed" for a tip as shipped in data/tips.yaml. */
  updatedBy: string;
  updatedAt: Date;
}

export interface NewTip {
  topic: string;
  areaId: string | null;
  texts: TipTexts;
  updatedBy: string;
}

export interface TipChange {
  texts?: TipTexts;
  active?: boolean;
  position?: number;
}

const COLUMNS = `id, topic, area_id as "areaId", texts, position, active, updated_by as "updatedBy", updated_at as "updatedAt"`;

/** The version every change raises, for processes to tell whether their copy of the library is current. */
export async function tipLibraryVersion(sql: Sql): Promise<number> {
  const [row] = await sql.query<{ version: number }>('select version from tip_library');
  return row?.version ?? 0;
}

async function bump(sql: Sql): Promise<void> {
  await sql.query('update tip_library set version = version + 1');
}

/** Every active tip, in the order they are shown. */
export async function activeTips(sql: Sql): Promise<Tip[]> {
  return sql.query<Tip>(`select ${COLUMNS} from tips where active order by topic, position, id`);
}

/** The tips of a topic, or of every topic; `areaId` null means the city-wide ones only, undefined all of them. */
export async function listTips(sql: Sql, filter: { topic?: string | undefined; areaId?: string | null | undefined }): Promise<Tip[]> {
  return sql.query<Tip>(
    `select ${COLUMNS} from tips
     where ($1::text is null or topic = $1) and (not $2 or area_id is not distinct from $3::text)
     order by topic, area_id nulls first, position, id`,
    [filter.topic ?? null, filter.areaId !== undefined, filter.areaId ?? null],
  );
}

export async function getTip(sql: Sql, id: number): Promise<Tip | null> {
  const [row] = await sql.query<Tip>(`select ${COLUMNS} from tips where id = $1`, [id]);
  return row ?? null;
}

/** Adds a tip after the others of its topic and area. */
export async function insertTip(sql: Sql, tip: NewTip): Promise<Tip> {
  const [row] = await sql.query<Tip>(
    `insert into tips (topic, area_id, texts, position, updated_by)
     values ($1, $2, $3, (select coalesce(max(position), 0) + 1 from tips where topic = $1 and area_id is not distinct from $2::text), $4)
     returning ${COLUMNS}`,
    [tip.topic, tip.areaId, JSON.stringify(tip.texts), tip.updatedBy],
  );
  await bump(sql);
  return row as Tip;
}

export async function updateTip(sql: Sql, id: number, change: TipChange, updatedBy: string): Promise<Tip | null> {
  const [row] = await sql.query<Tip>(
    `update tips set texts = coalesce($2, texts), active = coalesce($3, active), position = coalesce($4, position),
       updated_by = $5, updated_at = now()
     where id = $1 returning ${COLUMNS}`,
    [id, change.texts ? JSON.stringify(change.texts) : null, change.active ?? null, change.position ?? null, updatedBy],
  );
  if (row) await bump(sql);
  return row ?? null;
}

export async function deleteTip(sql: Sql, id: number): Promise<Tip | null> {
  const [row] = await sql.query<Tip>(`delete from tips where id = $1 returning ${COLUMNS}`, [id]);
  if (row) await bump(sql);
  return row ?? null;
}

/**
 * Copies a topic's shipped tips into the library, once: a topic already seeded (whatever officers did with its
 * tips since) is left alone. True when it was seeded now.
 */
export async function seedTopic(sql: Sql, topic: string, tips: { areaId: string | null; texts: TipTexts }[]): Promise<boolean> {
  const [seeded] = await sql.query('insert into tip_seeds (topic) values ($1) on conflict do nothing returning topic', [topic]);
  if (!seeded) return false;
  for (const [index, tip] of tips.entries()) {
    await sql.query(`insert into tips (topic, area_id, texts, position, updated_by) values ($1, $2, $3, $4, 'seed')`, [
      topic,
      tip.areaId,
      JSON.stringify(tip.texts),
      index + 1,
    ]);
  }
  await bump(sql);
  return true;
}
