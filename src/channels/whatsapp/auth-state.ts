import {
  type AuthenticationCreds,
  type AuthenticationState,
  BufferJSON,
  initAuthCreds,
  proto,
  type SignalDataTypeMap,
  type SignalKeyStore,
} from '@whiskeysockets/baileys';
import type { Secrets } from '../../secrets.ts';
import type { Db } from '../../store/db.ts';
import { type AuthRow, clearAuthRows, readAuthRows, writeAuthRows } from '../../store/whatsapp-auth.ts';

/** The linked session of the WhatsApp number, kept in the database so any process can take it over. */
export interface AuthStore {
  /** The stored session, or new credentials waiting to be linked. */
  load(): Promise<{ state: AuthenticationState; saveCreds(): Promise<void> }>;
  /** Forgets the session; the next load starts a new link. */
  clear(): Promise<void>;
}

const CREDS = 'creds';

/**
 * Baileys' authentication state on our database, the production counterpart of its useMultiFileAuthState: values
 * are serialised with Baileys' BufferJSON and encrypted with SECRET_KEY; key ids, which hold phone numbers and
 * LIDs, are stored as keyed hashes (only ever looked up, never listed). A `set` is one transaction and null
 * deletes, as Baileys' transactions expect.
 */
export function createAuthStore(db: Db, secrets: Secrets): AuthStore {
  const seal = (value: unknown) => secrets.encrypt(JSON.stringify(value, BufferJSON.replacer));
  const open = (sealed: string): unknown => JSON.parse(secrets.decrypt(sealed), BufferJSON.reviver);
  const hashOf = (kind: string, id: string) => secrets.hashAddress(`whatsapp ${kind}`, id);

  const keys: SignalKeyStore = {
    async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
      const hashes = ids.map((id) => hashOf(type, id));
      const rows = await readAuthRows(db, type, hashes);
      const found: { [id: string]: SignalDataTypeMap[T] } = {};
      ids.forEach((id, i) => {
        const sealed = rows.get(hashes[i] as string);
        if (sealed === undefined) return;
        const value = open(sealed);
        // Baileys reads this kind as a protobuf object, not the plain JSON it was written as.
        found[id] = (type === 'app-state-sync-key' ? proto.Message.AppStateSyncKeyData.fromObject(value as object) : value) as SignalDataTypeMap[T];
      });
      return found;
    },
    async set(data) {
      const rows: AuthRow[] = [];
      for (const [kind, entries] of Object.entries(data)) {
        for (const [id, value] of Object.entries(entries ?? {})) {
          rows.push({ kind, keyHash: hashOf(kind, id), value: value === null || value === undefined ? null : seal(value) });
        }
      }
      if (rows.length > 0) await writeAuthRows(db, rows);
    },
    clear: () => clearAuthRows(db),
  };

  return {
    async load() {
      const [sealed] = (await readAuthRows(db, CREDS, [CREDS])).values();
      const creds = sealed === undefined ? initAuthCreds() : (open(sealed) as AuthenticationCreds);
      let saving = Promise.resolve();
      return {
        state: { creds, keys },
        saveCreds() {
          // Baileys changes creds in place and fires updates in bursts: writes go one after the other, newest last.
          saving = saving.catch(() => {}).then(() => writeAuthRows(db, [{ kind: CREDS, keyHash: CREDS, value: seal(creds) }]));
          return saving;
        },
      };
    },
    clear: () => clearAuthRows(db),
  };
}
