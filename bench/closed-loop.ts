/**
 * Residents in a closed loop over the web chat's HTTP contract: each posts a message, waits for the reply on
 * its event stream (`/chat/api/stream`), then posts the next. What one turn costs, end to end, as a resident
 * of the web chat sees it.
 */
import { Agent, get, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { REPORT_SCRIPT, type Turn } from '../tests/helpers/report-script.ts';

export type { Turn };
export interface LoopResult {
  turns: number;
  seconds: number;
  /** Milliseconds from posting a message to its reply arriving on the stream, sorted. */
  latencies: number[];
}

export interface LoopOptions {
  residents: number;
  /** How often each resident goes through the script; the first round warms up and is not counted. */
  rounds: number;
  script?: Turn[];
  /** Distinguishes residents of different runs against the same server. */
  tag: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1024 });

/**
 * Posts a message; a connection the server closed as it was reused (a keep-alive race) is retried once, which
 * the message id makes harmless.
 */
async function post(base: URL, body: string): Promise<number> {
  try {
    return await postOnce(base, body);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ECONNRESET') throw error;
    return postOnce(base, body);
  }
}

function postOnce(base: URL, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL('/chat/api/messages', base),
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** One resident's event stream, yielding each reply as it arrives. */
class Stream {
  private buffer = '';
  private waiting: ((text: string) => void) | null = null;
  private readonly queued: string[] = [];
  private close: () => void = () => {};
  readonly open: Promise<void>;

  constructor(base: URL, resident: string) {
    this.open = new Promise((resolve, reject) => {
      const req = get(new URL(`/chat/api/stream?resident=${resident}`, base), (res) => {
        if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => this.take(chunk));
        resolve();
      });
      req.on('error', reject);
      this.close = () => req.destroy();
    });
  }

  private take(chunk: string): void {
    this.buffer += chunk;
    for (let end = this.buffer.indexOf('\n\n'); end >= 0; end = this.buffer.indexOf('\n\n')) {
      const event = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const data = event.split('\n').find((line) => line.startsWith('data: '));
      if (!data) continue;
      if (this.waiting) {
        const wake = this.waiting;
        this.waiting = null;
        wake(data);
      } else this.queued.push(data);
    }
  }

  next(timeoutMs: number): Promise<string> {
    const ready = this.queued.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reply within ${timeoutMs} ms`)), timeoutMs);
      this.waiting = (text) => {
        clearTimeout(timer);
        resolve(text);
      };
    });
  }

  end(): void {
    this.close();
  }
}

export async function runClosedLoop(baseUrl: string, options: LoopOptions): Promise<LoopResult> {
  // Connections left idle since an earlier loop may be closing on the server's side: start afresh.
  agent.destroy();
  const base = new URL(baseUrl);
  const script = options.script ?? REPORT_SCRIPT;
  const latencies: number[] = [];
  let measuredFrom = 0;
  let warm = 0;
  let markWarm = () => {};
  const warmedUp = new Promise<void>((resolve) => {
    markWarm = resolve;
  });

  async function resident(index: number): Promise<void> {
    const id = `${options.tag}-resident-${index}`;
    const stream = new Stream(base, id);
    await stream.open;
    let sent = 0;
    try {
      for (let round = 0; round < options.rounds; round++) {
        if (round === 1 && ++warm === options.residents) markWarm();
        if (round === 1) await warmedUp;
        if (round === 1 && measuredFrom === 0) measuredFrom = performance.now();
        for (const turn of script) {
          const started = performance.now();
          const status = await post(base, JSON.stringify({ resident: id, id: `t${++sent}`, ...turn }));
          if (status !== 202) throw new Error(`POST answered ${status}`);
          await stream.next(60_000);
          if (round > 0) latencies.push(performance.now() - started);
        }
      }
    } finally {
      stream.end();
    }
  }

  await Promise.all(Array.from({ length: options.residents }, (_, i) => resident(i)));
  const seconds = (performance.now() - measuredFrom) / 1000;
  latencies.sort((a, b) => a - b);
  return { turns: latencies.length, seconds, latencies };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
