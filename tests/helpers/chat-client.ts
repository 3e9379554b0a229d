import { setTimeout as sleep } from 'node:timers/promises';

export interface ChatMessage {
  id: string;
  text: string;
  choices?: { id: string; label: string }[];
}

/** A resident using the web chat API, as any client would: post messages, read replies with a cursor. */
export class ChatClient {
  private cursor = '0';
  private sent = 0;

  constructor(
    /** Where the program answers; a test that restarts it points the resident at the new address. */
    public baseUrl: string,
    readonly resident: string,
  ) {}

  async post(body: Record<string, unknown>): Promise<Response> {
    return fetch(`${this.baseUrl}/chat/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ resident: this.resident, id: `m${++this.sent}`, ...body }),
    });
  }

  async send(body: Record<string, unknown>): Promise<void> {
    const response = await this.post(body);
    if (response.status !== 202) throw new Error(`POST answered ${response.status}: ${await response.text()}`);
  }

  async fetchAfter(cursor: string): Promise<{ messages: ChatMessage[]; cursor: string }> {
    const response = await fetch(`${this.baseUrl}/chat/api/messages?resident=${this.resident}&after=${cursor}`);
    if (!response.ok) throw new Error(`GET answered ${response.status}`);
    return (await response.json()) as { messages: ChatMessage[]; cursor: string };
  }

  /** Waits for the next reply (the bot sends one message per turn). */
  async next(timeoutMs = 15_000): Promise<ChatMessage> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const page = await this.fetchAfter(this.cursor);
      const first = page.messages[0];
      if (first) {
        this.cursor = first.id;
        return first;
      }
      await sleep(40);
    }
    throw new Error(`no reply for ${this.resident} within ${timeoutMs} ms`);
  }

  /** Sends and returns the reply. */
  async say(body: Record<string, unknown>): Promise<ChatMessage> {
    await this.send(body);
    return this.next();
  }

  /** Every message this resident has received so far. */
  async all(): Promise<ChatMessage[]> {
    const out: ChatMessage[] = [];
    let cursor = '0';
    for (;;) {
      const page = await this.fetchAfter(cursor);
      out.push(...page.messages);
      if (page.messages.length === 0) return out;
      cursor = page.cursor;
    }
  }
}
