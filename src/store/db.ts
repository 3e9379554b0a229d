import pg from 'pg';

export type Row = Record<string, unknown>;

/** Something SQL can be run on: the database, or one transaction of it. */
export interface Sql {
  query<T = Row>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
}

export interface Db extends Sql {
  /**
   * Statements whose commit need not wait for the disk: a database crash may lose the last fraction of a second
   * of them, which is only acceptable where losing one means doing it again (marking a message sent, say).
   */
  readonly relaxed: Sql;
  /** Runs `fn` in one transaction: all of its changes happen, or none. */
  tx<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DbOptions {
  url: string;
  /** A schema to work in instead of `public` (created when missing), so several instances can share a database. */
  schema?: string | undefined;
  /** Most connections this process opens. */
  max?: number;
}

const INT8 = 20;

/**
 * Statements with parameters are prepared once per connection and reused: the server plans each of them once
 * instead of on every turn of a conversation. Names come from the text, so equal texts share one.
 */
function preparedName(names: Map<string, string>, text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `s${names.size}`;
    names.set(text, name);
  }
  return name;
}

function openPool(options: DbOptions, settings: string[]): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    application_name: 'mohalla',
    // Row ids fit in a double; strings would make every id comparison a trap.
    types: { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === INT8 ? Number : pg.types.getTypeParser(oid, format)) } as pg.CustomTypesConfig,
    options: [...(options.schema ? [`search_path=${options.schema}`] : []), ...settings].map((s) => `-c ${s}`).join(' '),
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  return pool;
}

export async function openDb(options: DbOptions): Promise<Db> {
  const pool = openPool(options, []);
  const relaxed = openPool(options, ['synchronous_commit=off']);
  if (options.schema) await pool.query(`create schema if not exists "${options.schema}"`);
  const names = new Map<string, string>();
  const on = (client: pg.Pool | pg.PoolClient): Sql => ({
    query: async (text, params) =>
      (params && params.length > 0 ? await client.query({ name: preparedName(names, text), text, values: params }) : await client.query(text)).rows,
    exec: async (text) => {
      await client.query(text);
    },
  });
  return {
    ...on(pool),
    relaxed: on(relaxed),
    async tx(fn) {
      const client = await pool.connect();
      // A connection the server ends while it is checked out (a restart) reports it here, and the query in
      // progress fails; without a listener the report would end the process.
      const ended = () => {};
      client.on('error', ended);
      let broken = false;
      try {
        await client.query('begin');
        const result = await fn(on(client));
        await client.query('commit');
        return result;
      } catch (error) {
        broken = await client.query('rollback').then(
          () => false,
          () => true,
        );
        throw error;
      } finally {
        client.off('error', ended);
        // A broken connection is closed rather than given to the next transaction.
        client.release(broken);
      }
    },
    close: async () => {
      await Promise.all([pool.end(), relaxed.end()]);
    },
  };
}
