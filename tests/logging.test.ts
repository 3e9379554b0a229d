import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { createLogger } from '../src/log.ts';

test('logs never contain addresses, chat ids, tokens or message texts', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const log = createLogger({ level: 'info', pretty: false }, sink);
  log.info({ address: '923001234567@s.whatsapp.net', text: 'anonymous tip about a drug den' }, 'inbound');
  log.info({ message: { chatId: 111222333, text: 'hello', body: 'x' }, token: '123:ABC' }, 'nested');
  log.warn({ update: { message: { chat_id: 444555666, text: 'deep' } } }, 'deeper');
  const all = lines.join('');
  for (const secret of ['923001234567', 'drug den', '111222333', '123:ABC', 'hello', '444555666', 'deep"']) {
    assert.ok(!all.includes(secret), `"${secret}" leaked into: ${all}`);
  }
  assert.equal((all.match(/\[redacted\]/g) ?? []).length, 8);
});
