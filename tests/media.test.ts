import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { MediaError, saveMedia } from '../src/store/media.ts';
import { startTestApp } from './helpers/app.ts';
import { JPEG, PHONE_EXIF } from './helpers/fake-telegram.ts';

const MAX = 10 * 1024 * 1024;

/** A photo of `format` taken sideways (EXIF orientation 6: shown turned a quarter), with the phone's EXIF. */
function phonePhoto(format: 'jpeg' | 'png' | 'webp'): Promise<Buffer> {
  return sharp({ create: { width: 60, height: 40, channels: 3, background: '#335577' } })
    .toFormat(format)
    .withExif(PHONE_EXIF)
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

test('a stored photo keeps no EXIF, XMP or IPTC (no GPS position, no device) and is turned upright', async (t) => {
  const { app, vars } = await startTestApp(t);
  for (const format of ['jpeg', 'png', 'webp'] as const) {
    const sent = await phonePhoto(format);
    const before = await sharp(sent).metadata();
    assert.ok(before.exif?.includes('FakePhoneMaker'), `the ${format} sent carries the camera's make`);
    assert.equal(before.orientation, 6);

    const id = await saveMedia(app.db, vars.DATA_DIR ?? '', sent, MAX);
    const [row] = await app.db.query<{ path: string; size: number; content_type: string }>('select path, size, content_type from media where id = $1', [id]);
    const stored = readFileSync(join(vars.DATA_DIR ?? '', row?.path ?? ''));
    const after = await sharp(stored).metadata();
    assert.equal(after.format, format);
    assert.equal(row?.content_type, `image/${format}`);
    assert.equal(row?.size, stored.length);
    assert.equal(after.exif, undefined, `no EXIF left in the ${format}`);
    assert.equal(after.xmp, undefined);
    assert.equal(after.iptc, undefined);
    assert.equal(after.orientation, undefined);
    assert.deepEqual([after.width, after.height], [40, 60], 'turned as the phone showed it');
    for (const trace of ['FakePhoneMaker', 'FakePhone 12', 'GPS']) assert.ok(!stored.includes(trace), `"${trace}" is not in the stored ${format}`);
    assert.equal(await saveMedia(app.db, vars.DATA_DIR ?? '', sent, MAX), id, 'the same photo sent again is stored once');
  }
  assert.ok((await sharp(JPEG).metadata()).exif?.includes('FakePhoneMaker'), 'the photos the channel tests send carry EXIF too');
});

test('a file that only starts like an image is refused as not an image', async (t) => {
  const { app, vars } = await startTestApp(t);
  const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 7)]);
  await assert.rejects(saveMedia(app.db, vars.DATA_DIR ?? '', fake, MAX), (error: unknown) => error instanceof MediaError && error.reason === 'not-an-image');
  const riff = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(64, 1)]);
  await assert.rejects(saveMedia(app.db, vars.DATA_DIR ?? '', riff, MAX), (error: unknown) => error instanceof MediaError && error.reason === 'not-an-image');
});
