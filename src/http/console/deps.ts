import type { AreaDef } from '../../engine/types.ts';
import type { Catalog } from '../../i18n/catalog.ts';
import type { Inbox } from '../../pipeline/inbox.ts';
import type { Queues } from '../../pipeline/queues.ts';
import type { Db } from '../../store/db.ts';
import type { TipLibrary } from '../../tips/library.ts';

/** What the console's routes work with. */
export interface ConsoleDeps {
  db: Db;
  inbox: Inbox;
  areas: AreaDef[];
  catalog: Catalog;
  /** Where residents' photos are stored (DATA_DIR). */
  dataDir: string;
  /** How often the liaison inbox's live list looks for changes. */
  inboxPollMs?: number;
  /** Where alerts are queued to go out. */
  queues: Queues;
  /** The flows' constants (the police number), which alerts carry. */
  constants: Record<string, unknown>;
  /** How often a live alert's figures are read again. */
  alertPollMs?: number;
  /** The tips residents are shown, told when the console changes them. */
  tips: TipLibrary;
  /** Topics tips are kept for (those of data/tips.yaml). */
  tipTopics: string[];
}
