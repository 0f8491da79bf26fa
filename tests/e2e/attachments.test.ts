import sharp from 'sharp';
import { consoleSuite, screenshot } from './support/browser';

/**
 * An officer at the desk records a complaint with a photo of the broken road; the photo is
 * uploaded once the complaint exists and shows, as a thumbnail the server made, on the
 * complaint's page and under the timeline entry that added it.
 */
const suite = consoleSuite();

test('a photo chosen while recording is on the complaint page and its timeline', async () => {
  const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#6b8e23' } })
    .jpeg()
    .withExif({ IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '7/1 28/1 3/1' } })
    .toBuffer();
  const page = await suite.session('admin.tengah');
  page.setDefaultTimeout(30_000);
  await page.goto(`${suite.t.url}/admin/#/complaints/create`);
  await page.locator('input[name="title"]').fill('Jalan berlubang di depan SD Tidar');
  await page.locator('textarea[name="description"]').fill('Lubang besar di tengah jalan, sudah dua motor jatuh minggu ini.');
  await page.locator('input[name="reporterPhone"]').fill('081234567890');
  await page.locator('[data-testid="attachment-input"]').setInputFiles({ name: 'lubang-jalan.jpg', mimeType: 'image/jpeg', buffer: photo });
  await page.locator('[data-testid="attachment-chosen"]', { hasText: 'lubang-jalan.jpg' }).waitFor();
  await page.locator('input[name="reporterPhone"]').press('Control+Enter');

  await page.locator('[role="dialog"] [data-testid="tracking-code"]').waitFor();
  await page.getByRole('button', { name: 'Lihat pengaduan' }).click();

  const file = page.locator('[data-testid="attachments"] [data-testid="attachment"]');
  await file.waitFor();
  expect(await file.innerText()).toContain('lubang-jalan.jpg');
  const thumb = file.locator('img[data-testid="attachment-thumbnail"]');
  await page.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0, await thumb.elementHandle());
  expect(await thumb.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeLessThanOrEqual(320);
  const entry = page.locator('[data-testid="timeline"] [data-event-type="ATTACHMENT_ADDED"]');
  await entry.locator('[data-testid="entry-attachments"] img').waitFor();
  await screenshot(page, 'complaint-attachments');
}, 120_000);
