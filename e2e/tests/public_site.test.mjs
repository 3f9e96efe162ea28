// The public site on a phone, and an exemplar's way onto it, through the real pages.
// 1. At phone width (390×844), without signing in: the home page shows movements and exemplar cards;
//    the gallery finds a published exemplar typed without diacritics; its page shows the photo and has
//    social preview tags; no page is wider than the phone (home, gallery, exemplar, honour roll,
//    verification).
// 2. The office selects an exemplar a ward put forward, the ward's officer records consent, the office
//    publishes it, the public page shows it; the officer withdraws consent and the page is gone (404).
// Screenshots go to e2e/screenshots/public-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bodyText, login, openPage, screenshot, withServerAndBrowser } from './helpers.mjs';

const PHONE = { width: 390, height: 844 };

/** Fails when the page scrolls sideways on the phone. */
async function fitsWidth(page, what) {
  const { scroll, inner } = await page.evaluate(() => ({
    scroll: document.scrollingElement.scrollWidth,
    inner: window.innerWidth,
  }));
  assert.ok(scroll <= inner + 1, `${what} is ${scroll}px wide on a ${inner}px phone`);
}

/** Strips Vietnamese diacritics (and đ) the way a person types on a phone without them. */
function plain(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

describe('trang công khai trên điện thoại và gương điển hình', () => {
  const app = withServerAndBrowser();

  test('a citizen on a phone finds a published exemplar without diacritics', async () => {
    const visitor = await openPage(app.browser, app.server.url, { viewport: PHONE });
    const page = visitor.page;
    await page.goto('/cong-khai');
    await page.getByRole('heading', { level: 1 }).waitFor();
    assert.match(await bodyText(page), /Phong trào, đợt thi đua đang triển khai/);
    assert.match(await bodyText(page), /Vinh danh khen thưởng mới nhất/);
    const cards = page.locator('a.ex-card');
    assert.ok((await cards.count()) > 0, 'the home page shows exemplar cards');
    await fitsWidth(page, 'the home page');
    await screenshot(page, 'public-home-phone');

    await page.getByRole('link', { name: 'Gương điển hình', exact: true }).first().click();
    await page.waitForURL(/\/guong-dien-hinh/);
    // A person's card: a name is what a citizen would type.
    const card = page.locator('a.ex-card', { hasText: 'Cá nhân' }).first();
    const name = (await card.locator('strong').innerText()).trim();
    await fitsWidth(page, 'the gallery');
    await page.getByPlaceholder('Tên, thành tích, đơn vị (không cần dấu)').fill(plain(name));
    await page.getByRole('button', { name: 'Tìm' }).click();
    await page.waitForURL(/q=/);
    const found = page.locator('a.ex-card', { hasText: name }).first();
    await found.waitFor();
    await found.click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await fitsWidth(page, 'the exemplar page');
    const photo = page.locator('.ex-photos img').first();
    await photo.waitFor();
    assert.ok(await photo.evaluate((img) => img.complete && img.naturalWidth > 0), 'the photo loads');
    assert.match(await page.locator('meta[property="og:title"]').getAttribute('content'), new RegExp(name));
    assert.match(await page.locator('meta[property="og:image"]').getAttribute('content'), /^https?:\/\/.+\/guong-dien-hinh\/anh\//);
    await screenshot(page, 'public-exemplar-phone');

    for (const path of ['/vinh-danh', '/xac-minh']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await fitsWidth(page, path);
    }
    visitor.assertClean();
    await visitor.close();
  });

  test('selected, consented, published — and off the site when consent is withdrawn', async () => {
    const officeCtx = await openPage(app.browser, app.server.url);
    const office = officeCtx.page;
    await login(office, 'thuongtruc');
    await office.getByRole('link', { name: 'Gương điển hình', exact: true }).click();
    await office.getByLabel('Tình trạng').selectOption('proposed');
    await office.getByRole('button', { name: 'Lọc' }).click();
    const row = office.locator('#exemplars tbody tr', { hasText: 'Phường' }).first();
    const link = row.locator('a').first();
    const name = (await link.innerText()).trim();
    const unit = (await row.locator('td').nth(2).innerText()).trim();
    await link.click();
    await office.getByRole('heading', { level: 1, name }).waitFor();
    const id = office.url().split('/').pop().split('?')[0];
    await screenshot(office, 'exemplar-office');
    await office.getByRole('button', { name: 'Lựa chọn', exact: true }).click();
    await office.waitForURL(/ok=/);
    assert.match(await office.locator('#status').innerText(), /Được lựa chọn/);

    // The consent is the unit's to record (or the office's): here the office records it for the ward.
    await office.getByLabel('Người đồng ý công khai').fill(`${name} (đồng ý bằng văn bản)`);
    await office.getByRole('button', { name: 'Ghi nhận sự đồng ý' }).click();
    await office.waitForURL(/ok=/);
    await office.getByRole('button', { name: 'Công bố trên trang công khai' }).click();
    await office.waitForURL(/ok=/);
    assert.match(await bodyText(office), /Đang công khai/);

    const visitorCtx = await openPage(app.browser, app.server.url, { viewport: PHONE });
    const visitor = visitorCtx.page;
    await visitor.goto(`/guong-dien-hinh/${id}`);
    await visitor.getByRole('heading', { level: 1, name }).waitFor();
    assert.match(await bodyText(visitor), new RegExp(unit));

    await office.getByRole('button', { name: /rút lại sự đồng ý/ }).click();
    await office.waitForURL(/ok=/);
    assert.match(await bodyText(office), /Đã rút lại/);
    visitorCtx.allowStatus(404);
    const gone = await visitor.goto(`/guong-dien-hinh/${id}`);
    assert.equal(gone.status(), 404);
    assert.match(await bodyText(visitor), /Không tìm thấy/);
    officeCtx.assertClean();
    visitorCtx.assertClean();
    await officeCtx.close();
    await visitorCtx.close();
  });
});
