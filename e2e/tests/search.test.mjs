// Finding people without typing diacritics, as most people type: "nguyen van an" finds "Nguyễn Văn An",
// "dang" finds "Đặng Thị Hoa" (đ folds to d). The list also searches live (htmx) while typing.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bodyText, launchBrowser, login, openPage, screenshot, startServer } from './helpers.mjs';

/** The same folding as the app: no marks, đ → d, lower case. */
function fold(s) {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

/** Names in the people table. */
async function names(page) {
  return (await page.locator('#people-table tbody tr td:first-child a').allInnerTexts()).map((t) => t.trim());
}

describe('tìm cá nhân không cần dấu', () => {
  let server;
  let browser;
  let p;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    p = await openPage(browser, server.url);
    await login(p.page, 'thuongtruc');
  });
  after(async () => {
    await p?.close();
    await browser?.close();
    await server?.stop();
  });

  test('the quick search on the home page finds "Nguyễn Văn An" from "nguyen van an"', async () => {
    const { page } = p;
    await page.goto('/');
    await page.getByRole('textbox', { name: 'Tìm cá nhân' }).fill('nguyen van an');
    await Promise.all([page.waitForURL(/\/people\?q=nguyen\+van\+an/), page.getByRole('button', { name: 'Tìm cá nhân' }).click()]);
    const found = await names(page);
    assert.ok(found.includes('Nguyễn Văn An'), `found ${JSON.stringify(found)}`);
    assert.ok(found.every((n) => n.startsWith('Nguyễn Văn An')), `only matching names: ${JSON.stringify(found)}`);
    const row = page.locator('#people-table tbody tr').filter({ has: page.getByRole('link', { name: 'Nguyễn Văn An', exact: true }) }).first();
    assert.match(await row.innerText(), /Chủ tịch UBND phường/);
    assert.match(await row.innerText(), /Phường Bạch Đằng/);
    await screenshot(page, '30-tim-nguyen-van-an');
    p.assertClean();
  });

  test('"dang" finds "Đặng Thị Hoa"; so do "ĐẶNG THỊ HOA" and a decomposed (NFD) "Đặng"', async () => {
    const { page } = p;
    for (const q of ['dang', 'ĐẶNG THỊ HOA', 'Đặng thi hoa'.normalize('NFD')]) {
      await page.goto(`/people?q=${encodeURIComponent(q)}`);
      const found = await names(page);
      assert.ok(found.includes('Đặng Thị Hoa'), `“${q}” found ${JSON.stringify(found)}`);
    }
    // Every row found for "dang" has it in the name or the position, once folded.
    await page.goto('/people?q=dang');
    const rows = await page.locator('#people-table tbody tr').evaluateAll((trs) => trs.map((tr) => `${tr.cells[0].textContent} ${tr.cells[3].textContent}`));
    assert.ok(rows.length > 1, 'more than one Đặng in the demo');
    for (const r of rows) assert.match(fold(r), /dang/, r);
    assert.match(await bodyText(page), /\d+ cá nhân/);
    p.assertClean();
  });

  test('the people list updates while typing, without leaving the page (htmx)', async () => {
    const { page } = p;
    await page.goto('/people');
    const totalBefore = await page.locator('#people-table .muted').first().innerText();
    // A marker that a full page load would wipe out.
    await page.evaluate(() => {
      window.__stillHere = true;
    });
    const box = page.getByRole('textbox', { name: 'Tìm cá nhân' });
    const live = page.waitForResponse((r) => r.url().includes('/people?') && r.url().includes('q=nguyen') && r.request().headers()['hx-request'] === 'true');
    await box.pressSequentially('nguyen van an', { delay: 40 });
    await live;
    await page.waitForFunction(() => [...document.querySelectorAll('#people-table tbody tr td:first-child a')].every((a) => a.textContent.trim().startsWith('Nguyễn Văn An')));
    const found = await names(page);
    assert.ok(found.includes('Nguyễn Văn An'), `found ${JSON.stringify(found)}`);
    assert.equal(await page.evaluate(() => window.__stillHere), true, 'no full page load');
    assert.notEqual(await page.locator('#people-table .muted').first().innerText(), totalBefore);
    assert.equal(await box.inputValue(), 'nguyen van an', 'what was typed stays in the box');
    assert.equal(await page.locator('#people-table').count(), 1, 'the table is replaced, not nested');
    assert.equal(new URL(page.url()).searchParams.get('q'), 'nguyen van an', 'the address keeps the query');
    await screenshot(page, '31-tim-truc-tiep');

    // Clearing the box brings the whole list back.
    await box.fill('');
    await page.waitForFunction((t) => document.querySelector('#people-table .muted')?.textContent.trim() === t.trim(), totalBefore);
    p.assertClean();
  });

  test('the unit list also searches live without diacritics', async () => {
    const { page } = p;
    await page.goto('/units');
    const box = page.getByRole('textbox', { name: 'Tìm đơn vị' });
    await box.pressSequentially('bach dang', { delay: 40 });
    await page.waitForFunction(() => {
      const links = [...document.querySelectorAll('#unit-table tbody td a')].map((a) => a.textContent.trim());
      return links.includes('Phường Bạch Đằng') && !links.includes('Phường Bạch Mai');
    });
    // The address follows the search (hx-push-url), so reload and Back keep the query.
    assert.equal(new URL(page.url()).searchParams.get('q'), 'bach dang');
    p.assertClean();
  });
});
