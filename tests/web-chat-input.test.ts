import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startTestApp } from './helpers/app.ts';
import { ChatClient } from './helpers/chat-client.ts';

async function post(url: string, body: unknown): Promise<{ status: number; json: { message?: string; id?: string } }> {
  const response = await fetch(`${url}/chat/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as { message?: string; id?: string } };
}

test('text that cannot be stored, and values of the wrong JSON type, get 400 with the reason', async (t) => {
  const { url } = await startTestApp(t);
  const resident = 'input-resident-1';
  const bad: [unknown, RegExp][] = [
    [{ resident, text: 'chor\u0000 bhaag gaya' }, /text contains a NUL character/],
    [{ resident, text: 'mobile \ud83d chheena' }, /text contains half of a surrogate pair/],
    [{ resident, text: '\udc00' }, /half of a surrogate pair/],
    [{ resident, text: 5 }, /body\/text must be string/],
    [{ resident, text: true }, /body\/text must be string/],
    [{ resident, text: ['salam'] }, /body\/text must be string/],
    [{ resident, text: null }, /body\/text must be string/],
    [{ resident: 12345678901, text: 'salam' }, /body\/resident must be string/],
    [{ resident, id: 42, text: 'salam' }, /body\/id must be string/],
    [{ resident, location: { lat: '24.8', lng: 67 } }, /body\/location\/lat must be number/],
    [{ resident, location: { lat: 24.8, lng: null } }, /body\/location\/lng must be number/],
    [{ resident, choice: 1 }, /body\/choice must be string/],
    [{ resident, start: false }, /body\/start must be string/],
  ];
  for (const [body, reason] of bad) {
    const response = await post(url, body);
    assert.equal(response.status, 400, `400 for ${JSON.stringify(body)}`);
    assert.match(response.json.message ?? '', reason, `reason for ${JSON.stringify(body)}`);
  }
  // Emoji are whole surrogate pairs, and other control characters are text like any other.
  assert.equal((await post(url, { resident, text: 'phone 📱 gaya\u0007\ttab' })).status, 202);
});

test('the messages of two residents whose ids run into each other are both handled', async (t) => {
  const { url } = await startTestApp(t);
  // "web-<resident>-<id>" made the same id of both: the second was dropped as a duplicate of the first.
  const first = new ChatClient(url, 'resident-a-b');
  const second = new ChatClient(url, 'resident-a');
  const one = await post(url, { resident: 'resident-a-b', id: 'c', start: '' });
  const two = await post(url, { resident: 'resident-a', id: 'b-c', start: '' });
  assert.equal(one.status, 202);
  assert.equal(two.status, 202);
  assert.notEqual(one.json.id, two.json.id);
  await first.next();
  await second.next();
});

test('a Last-Event-ID or cursor that is no message id gets 400 with the reason', async (t) => {
  const { url } = await startTestApp(t);
  const chat = new ChatClient(url, 'input-resident-2');
  await chat.say({ start: '' });
  for (const lastEventId of ['1.5', 'abc', '-1', '1e3', '99999999999999999999', ' ']) {
    const response = await fetch(`${url}/chat/api/stream?resident=input-resident-2`, { headers: { 'last-event-id': lastEventId } });
    assert.equal(response.status, 400, `400 for Last-Event-ID ${JSON.stringify(lastEventId)}`);
    assert.match(((await response.json()) as { message: string }).message, /last-event-id must match pattern/);
  }
  const after = await fetch(`${url}/chat/api/stream?resident=input-resident-2&after=1.5`);
  assert.equal(after.status, 400);
  assert.match(((await after.json()) as { message: string }).message, /querystring\/after must match pattern/);

  // A good one resumes after that message.
  const controller = new AbortController();
  const stream = await fetch(`${url}/chat/api/stream?resident=input-resident-2`, { headers: { 'last-event-id': '0' }, signal: controller.signal });
  assert.equal(stream.status, 200);
  const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
  let received = '';
  while (!received.includes('event: message')) received += new TextDecoder().decode((await reader.read()).value);
  controller.abort();
});

test('the font routes of the web chat and the console serve the font and its stylesheet, not the rest of its package', async (t) => {
  const { url } = await startTestApp(t);
  for (const fonts of [`${url}/chat/fonts`, `${url}/console/fonts`]) {
    const css = await fetch(`${fonts}/400.css`);
    assert.equal(css.status, 200, fonts);
    const font = /url\(\.\/(files\/[^)]+\.woff2)\)/.exec(await css.text())?.[1];
    assert.ok(font);
    const woff2 = await fetch(`${fonts}/${font}`);
    assert.equal(woff2.status, 200);
    assert.equal(woff2.headers.get('content-type'), 'font/woff2');
    for (const path of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'index.css', 'files/../package.json', 'files/%2e%2e/package.json', 'unicode.json']) {
      assert.equal((await fetch(`${fonts}/${path}`)).status, 404, `${fonts}/${path}`);
    }
  }
});
