import type { Sql } from './db.ts';

export interface AuditEntry {
  id: number;
  officerId: string | null;
  officerName: string | null;
  action: string;
  target: string | null;
  detail: Record<string, unknown>;
  createdAt: Date;
}

/** Records what an officer did. Details never hold a resident's address or an anonymous reporter's identity. */
export async function audit(sql: Sql, officerId: string | null, action: string, target: string | null, detail: Record<string, unknown> = {}): Promise<void> {
  await sql.query('insert into audit_log (officer_id, action, target, detail) values ($1, $2, $3, $4)', [officerId, action, target, JSON.stringify(detail)]);
}

/** The newest entries first; `before` pages back through older ones. */
export async function listAudit(sql: Sql, limit: number, before: number | null): Promise<AuditEntry[]> {
  return sql.query<AuditEntry>(
    `select a.id, a.officer_id as "officerId", o.name as "officerName", a.action, a.target, a.detail, a.created_at as "createdAt"
     from audit_log a left join officers o on o.id = a.officer_id
     where $1::bigint is null or a.id < $1 order by a.id desc limit $2`,
    [before, limit],
  );
}
