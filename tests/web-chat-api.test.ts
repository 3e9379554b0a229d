import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { inboundIdOf } from '../src/pipeline/inbox.ts';
import { startTestApp } from './helpers/app.ts';
import { ChatClient } from './helpers/chat-client.ts';

async function post(url: string, body: unknown): Promise<{ status: number; json: { message?: string; id?: string } }> {
  const response = await fetch(`${url}/chat/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as { message?: string } };
}

test('the web chat API accepts one input per message and explains every bad request', async (t) => {
  const { url } = await startTestApp(t);
  const ok = await post(url, { resident: 'api-resident-1', text: 'salam' });
  assert.equal(ok.status, 202);
  assert.match(ok.json.id ?? '', /^web-api-resident-1\./);

  const bad: [unknown, RegExp][] = [
    [{ text: 'salam' }, /resident/],
    [{ resident: 'x', text: 'salam' }, /resident/],
    [{ resident: 'has spaces in it', text: 'salam' }, /resident/],
    [{ resident: 'api-resident-1' }, /exactly one of text, choice, location or start \(got none\)/],
    [{ resident: 'api-resident-1', text: 'a', choice: 'b' }, /exactly one .* \(got text, choice\)/],
    [{ resident: 'api-resident-1', text: '   ' }, /text is empty/],
    [{ resident: 'api-resident-1', text: 'x'.repeat(4001) }, /text must NOT have more than 4000 characters/],
    [{ resident: 'api-resident-1', location: { lat: 124, lng: 67 } }, /lat must be <= 90/],
    [{ resident: 'api-resident-1', choice: 'DROP TABLE' }, /choice must match pattern/],
    [{ resident: 'api-resident-1', text: 'hi', admin: true }, /must NOT have additional properties/],
    ['{"resident": "api-resident-1", "text": ', /JSON/i],
  ];
  for (const [body, reason] of bad) {
    const response = await post(url, body);
    assert.equal(response.status, 400, `400 for ${JSON.stringify(body)}`);
    assert.match(response.json.message ?? '', reason, `reason for ${JSON.stringify(body)}`);
  }

  const missing = await fetch(`${url}/chat/api/messages`);
  assert.equal(missing.status, 400);
  const badCursor = await fetch(`${url}/chat/api/messages?resident=api-resident-1&after=abc`);
  assert.equal(badCursor.status, 400);
});

test('messages come back in order after a cursor, and the event stream delivers new ones', async (t) => {
  const { url } = await startTestApp(t);
  const chat = new ChatClient(url, 'api-resident-2');
  const first = await chat.say({ start: '' });
  const second = await chat.say({ choice: 'en' });
  const page = await chat.fetchAfter('0');
  assert.deepEqual(
    page.messages.map((m) => m.id),
    [first.id, second.id],
  );
  assert.equal(page.cursor, second.id);
  assert.deepEqual((await chat.fetchAfter(second.id)).messages, []);

  const controller = new AbortController();
  const response = await fetch(`${url}/chat/api/stream?resident=api-resident-2&after=${second.id}`, { signal: controller.signal });
  assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  await chat.send({ text: 'help' });
  let received = '';
  while (!received.includes('event: message')) {
    const { value, done } = await reader.read();
    if (done) break;
    received += new TextDecoder().decode(value);
  }
  controller.abort();
  const data = /data: (.*)\n/.exec(received)?.[1];
  assert.ok(data, received);
  const streamed = JSON.parse(data) as { id: string; text: string };
  assert.ok(Number(streamed.id) > Number(second.id));
  assert.ok(streamed.text.includes('menu or 0'), streamed.text);
});

test('the same inbound message delivered twice is handled once', async (t) => {
  const { url, app } = await startTestApp(t);
  const chat = new ChatClient(url, 'api-resident-3');
  await chat.say({ start: '' });
  // A client retrying its request: same message id, sent while the first is queued and again after it was handled.
  const body = { resident: 'api-resident-3', id: 'retry-1', choice: 'ur' };
  assert.equal((await post(url, body)).status, 202);
  assert.equal((await post(url, body)).status, 202);
  await chat.next();
  assert.equal((await post(url, body)).status, 202);
  // The platform-level path: the same InboundMessage handed to the inbox again, after it was applied.
  const message = { id: 'web-api-resident-3.retry-1', platform: 'web' as const, address: 'api-resident-3', receivedAt: new Date().toISOString(), input: { kind: 'choice' as const, id: 'ur' } };
  await app.inbox.accept(message);
  await sleep(1500);
  const all = await chat.all();
  assert.equal(all.length, 2, `one reply to the start and one to the language choice: ${all.map((m) => m.text).join(' | ')}`);
  // Recorded once, under an id that does not name the resident.
  const id = inboundIdOf(app.secrets, { kind: 'message', message });
  const [processed] = await app.db.query<{ n: number }>('select count(*)::int as n from processed_inbound where message_id = $1', [id]);
  assert.equal(processed?.n, 1);
  assert.deepEqual(await app.db.query("select message_id from processed_inbound where message_id like '%resident%'"), []);
});

test('a conversation left waiting gets a deadline; when it passes, the conversation is closed politely', async (t) => {
  const { url, app } = await startTestApp(t, { SESSION_TIMEOUT_MINUTES: '30' });
  const chat = new ChatClient(url, 'api-resident-4');
  await chat.say({ start: '' });
  await chat.say({ choice: 'en' });
  const deadline = async () =>
    (await app.db.query<{ token: string; since: string; deadline: Date | null }>(
      "select state->>'waitToken' as token, state->>'waitSince' as since, wait_deadline as deadline from sessions",
    ))[0];
  const menu = await deadline();
  await chat.say({ choice: 'report' });
  const waiting = await deadline();
  assert.ok(waiting?.deadline && menu?.deadline, 'a waiting conversation has a deadline');
  assert.equal(waiting.deadline.getTime() - Date.parse(waiting.since), 30 * 60_000, 'the deadline is the wait’s start plus the time-out');
  assert.ok(waiting.deadline > menu.deadline, 'answering starts a new wait with a later deadline');
  assert.equal((await Promise.all(app.queues.inbound.map((q) => q.getDelayed()))).flat().length, 0, 'no delayed job per turn');

  // The time is up now: the next sweep hands the time-out to the conversation.
  await app.db.query("update sessions set wait_deadline = now() - interval '1 second'");
  await app.relay?.sweep();
  const closed = await chat.next();
  assert.match(closed.text, /^We didn't hear from you for a while/);
  const after = await app.db.query<{ flow: string | null; deadline: Date | null }>("select state->>'flow' as flow, wait_deadline as deadline from sessions");
  assert.deepEqual(after, [{ flow: null, deadline: null }]);
  // A time-out of an older wait changes nothing.
  const [resident] = await app.db.query<{ id: string; hash: string }>('select id, address_hash as hash from residents');
  await app.inbox.timeout(resident?.id ?? '', resident?.hash ?? '', menu.token);
  await sleep(1000);
  assert.equal((await chat.all()).length, 4);
});

test('a session changed by someone else since this process wrote it is read again, not taken from memory', async (t) => {
  const { url, app } = await startTestApp(t);
  const chat = new ChatClient(url, 'api-resident-5');
  await chat.say({ start: '' });
  assert.match((await chat.say({ choice: 'en' })).text, /Welcome to Mohalla/);
  // Another writer (another process, an officer) switches the conversation to Sindhi, as every writer does: by version.
  await app.db.query(`update sessions set state = jsonb_set(state, '{lang}', '"sd"'), version = version + 1`);
  const reply = await chat.say({ text: 'help' });
  assert.ok(/[\u0600-\u06FF]/.test(reply.text) && !/menu or 0/.test(reply.text), `the reply is in Sindhi:\n${reply.text}`);
});
