import { createHash, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { Db } from '../../db/client';
import { accounts, citizens } from '../../db/schema';
import type { CleanPhoto } from '../../app/domain/reports/filing.server';
import { processPhoto } from '../../app/services/images.server';

/** Fixtures for report tests: proofed citizens and clean photos (through the real processPhoto). */

/** A proofed adult citizen of Almaty District, Astana; `email` null for one without an address. */
export async function proofedCitizen(db: Db, name: { given: string; family: string }, at: Date, opts: { email?: string | null; locale?: string } = {}): Promise<string> {
  const id = randomUUID();
  await db
    .insert(accounts)
    .values({ id, kind: 'citizen', displayName: `${name.given} ${name.family}`, email: opts.email === undefined ? `${id}@example.kz` : opts.email, locale: opts.locale ?? 'ru' });
  await db.insert(citizens).values({
    accountId: id,
    iinHmac: createHash('sha256').update(id).digest('hex'),
    iinKeyVersion: 1,
    givenName: name.given,
    familyName: name.family,
    birthYear: 1990,
    adultOn: '2008-01-01',
    sex: 'F',
    residenceKato: '711110000',
    residenceUnitKato: '711110000',
    proofingMethod: 'demo',
    proofedAt: at,
  });
  return id;
}

/** A JPEG carrying GPS EXIF, cleaned by processPhoto as the filing form does. */
export async function cleanPhoto(colour = { r: 200, g: 80, b: 40 }): Promise<CleanPhoto> {
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: colour } })
    .withExif({ IFD0: { Artist: 'Secret Photographer' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 11/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '71/1 24/1 0/1' } })
    .jpeg()
    .toBuffer();
  const outcome = await processPhoto(jpeg, { declaredType: 'image/jpeg', fileName: 'photo.jpg' });
  if (outcome.kind !== 'ok') throw new Error(`photo refused: ${outcome.reason}`);
  return { image: outcome.image, thumbnail: outcome.thumbnail };
}
