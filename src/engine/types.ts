/**
 * Types of the flow engine. The engine is pure: it takes a flow set, a session and one input and returns the
 * new session, the replies to send and, at most, one action for the host to run. Nothing here knows about
 * platforms, databases or clocks; the host passes the time in with the input.
 */

export const LANGUAGES = ['ur', 'sd', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** Commands a resident can type at any step; each must be the whole message. */
export const COMMANDS = ['menu', 'help', 'language', 'officer', 'stop', 'start', 'figures'] as const;
export type Command = (typeof COMMANDS)[number];

/** A value a flow variable can hold. Typed values keep enough to be shown back to the resident in any language. */
export type Value =
  | string
  | number
  | boolean
  | null
  | { choice: string; label: string }
  | { area: string }
  | { lat: number; lng: number }
  | { media: string }
  | { key: string }
  /** An ISO time, shown in the resident's language and Karachi's time zone. */
  | { date: string };

export type Vars = Record<string, Value>;

/**
 * A label is a locale key, an area id, or a district shown with a few of its best-known areas; the renderer
 * turns it into text in the resident's language.
 */
export type Label = { key: string } | { area: string } | { district: string };

export interface Choice {
  id: string;
  label: Label;
}

export interface Reply {
  key: string;
  /** Language at the moment the reply was made (null before the resident chose one: shown in all three). */
  lang: Lang | null;
  args?: Vars;
  choices?: Choice[];
}

/** What a resident (or the host, for time-outs and events) sends into a conversation. */
export type Input =
  | { kind: 'text'; text: string }
  | { kind: 'choice'; id: string }
  | { kind: 'location'; lat: number; lng: number }
  | { kind: 'photo'; media: string }
  /** Something the bot cannot read: a sticker, a voice note, an edit of an old message, a photo or text too large… */
  | { kind: 'unsupported'; reason?: 'edited' | 'too-large' | 'too-long' | 'not-an-image' | 'media-failed' }
  | { kind: 'start'; payload?: string }
  | { kind: 'timeout'; token: string }
  | { kind: 'event'; name: string; vars: Vars };

export interface InputEnvelope {
  /** Unique id of the input; it becomes the wait token so a late time-out can be recognised. */
  id: string;
  /** ISO time of arrival, the engine's only clock. */
  now: string;
  input: Input;
}

/** Where a waiting conversation stands inside an `ask` step (e.g. the area picker's "did you mean"). */
export interface AskState {
  stage: string;
  options?: string[];
  /** What the resident typed, kept while they pick from the options. */
  text?: string;
}

export interface Session {
  lang: Lang | null;
  /** Flow and step the conversation waits in; null when idle. */
  flow: string | null;
  step: string | null;
  vars: Vars;
  ask: AskState | null;
  retries: number;
  /** A command the resident sent in the middle of a flow holding answers, waiting for "yes, leave it". */
  confirming: Command | null;
  /** Token of the input that started the current wait, matched against time-outs. */
  waitToken: string | null;
  waitSince: string | null;
  /** The area the resident last named (or a poster link preset), offered first by area questions. */
  area: string | null;
  /** A flow an event asked for while the resident was busy; it starts when the current flow ends. */
  next: { flow: string; vars: Vars } | null;
  /**
   * The police alert the resident got last (set by the host when it reached them), and until when (ISO time)
   * what they write back in their own words is taken as their answer to it. Cleared once it is answered.
   */
  alert: { id: number; until: string } | null;
}

export interface ActionCall {
  name: string;
  vars: Vars;
}

export interface Outcome {
  session: Session;
  replies: Reply[];
  /** When set, the host runs the action and calls `resume` with its result before anything else. */
  action: ActionCall | null;
  /** True when the outcome put the conversation in a new wait, so the host schedules a time-out. */
  waiting: boolean;
}

// ---- Flow definitions (validated YAML) ----

export interface ChoiceDef {
  id: string;
  label: string;
}

export type Condition = { var: string; equals?: string | number | boolean };

export type GotoTarget = string | { flow: string; step?: string };

export interface AskDef {
  type: 'text' | 'choice' | 'yesno' | 'area' | 'place' | 'photo';
  prompt: string;
  save: string;
  /** Locale key explaining what a valid answer looks like; shown when the answer is not understood. */
  hint?: string;
  choices?: ChoiceDef[];
  /** For `choice`: free text is also accepted as the answer. */
  text?: boolean;
  /** For `text`: a known format the answer must match. */
  format?: 'free' | 'reference' | 'pin' | 'pin-or-reference';
  min?: number;
  max?: number;
  /** Offer a "skip" choice; the saved value is then null. */
  optional?: boolean;
  /** For `area`: keep the answer as the resident's area, offered first next time. Never set in reports. */
  remember?: boolean;
  /**
   * For `area`: a variable that gets the whole answer when it says more than the area's name ("Gulshan block 7
   * near Disco Bakery"), and null when it does not.
   */
  detail?: string;
}

export type StepDef =
  | { id: string; kind: 'say'; say: string }
  | { id: string; kind: 'ask'; ask: AskDef }
  | { id: string; kind: 'branch'; branch: { when: Condition; goto: GotoTarget }[]; otherwise?: GotoTarget }
  | { id: string; kind: 'action'; action: string }
  | { id: string; kind: 'goto'; goto: GotoTarget; quiet?: boolean }
  | { id: string; kind: 'end' };

export interface FlowDef {
  id: string;
  steps: StepDef[];
  /** Commands that would end this flow once it holds answers, each with the yes/no question asked first. */
  confirm?: Partial<Record<Command, string>>;
  /** What a resident is told when the flow is closed for want of an answer; `timeout-reset` when unset. */
  timeout?: string;
  /**
   * Flows this one takes over when the host starts it as an event (an officer's reply while the resident talks
   * to the officer); any other busy flow makes the event wait until it ends.
   */
  interrupts?: string[];
}

/** Reference data the engine matches against: areas and keywords. Loaded by the host, passed in. */
export interface AreaDef {
  id: string;
  kind: 'district' | 'area';
  district: string | null;
  names: Record<Lang, string>;
  aliases: string[];
  /** Spellings that may mean this area but also something else ("garden", "kia"): the resident is asked. */
  ambiguous: string[];
  /** For districts: its best-known areas, offered when the district is picked; the first three go beside its name. */
  offered: string[];
}

export interface Keywords {
  /** intent name → words or phrases (any language, any script), matched after normalisation */
  intents: Record<string, string[]>;
  /** choice id → extra words that select it (yes/no in Roman Urdu, "skip"…) */
  choices: Record<string, string[]>;
}

export interface FlowSet {
  flows: Map<string, FlowDef>;
  areas: AreaDef[];
  keywords: Keywords;
  /** Values every reply can use (emergency numbers…). */
  constants: Vars;
  /** Translated text of a locale key, so residents can answer a choice by typing its label. */
  label: (lang: Lang, key: string) => string | undefined;
}
