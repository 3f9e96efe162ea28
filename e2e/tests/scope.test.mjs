// A unit officer (canbo.bachdang, Phường Bạch Đằng) sees only their ward and what is under it; another
// ward's address answers "Không tìm thấy", the same page as for an address that does not exist.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bodyText, launchBrowser, login, openPage, screenshot, startServer } from './helpers.mjs';

/** Address of the first link named exactly `name` in the table on `path`. */
async function hrefOf(page, path, name) {
  await page.goto(path);
  const href = await page.locator('main table').getByRole('link', { name, exact: true }).first().getAttribute('href');
  assert.ok(href, `link ${name} on ${path}`);
  return href;
}

describe('cán bộ phường chỉ thấy dữ liệu của phường mình', () => {
  let server;
  let browser;
  const other = {};
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    // Addresses of another ward's pages, as the standing office sees them.
    const admin = await openPage(browser, server.url);
    await login(admin.page, 'thuongtruc');
    other.ward = await hrefOf(admin.page, '/units?q=bach+mai', 'Phường Bạch Mai');
    other.person = await hrefOf(admin.page, '/people?q=dang+thi+hoa', 'Đặng Thị Hoa');
    other.own = await hrefOf(admin.page, '/units?q=bach+dang', 'Phường Bạch Đằng');
    admin.assertClean();
    await admin.close();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('home, units and people show only Phường Bạch Đằng', async () => {
    const p = await openPage(browser, server.url);
    const { page } = p;
    await login(page, 'canbo.bachdang');
    await page.getByRole('heading', { name: 'Xin chào, Nguyễn Văn An' }).waitFor();
    assert.match(await bodyText(page), /Bạn phụ trách công tác thi đua, khen thưởng của Phường Bạch Đằng và các đơn vị trực thuộc\./);
    await screenshot(page, '40-can-bo-phuong-trang-chu');

    await page.goto('/units');
    const units = (await page.locator('#unit-table tbody td:first-child a').allInnerTexts()).map((t) => t.trim());
    assert.ok(units.includes('Phường Bạch Đằng'), JSON.stringify(units));
    assert.ok(units.length >= 1 && units.every((u) => u.includes('Bạch Đằng')), `only Bạch Đằng units: ${JSON.stringify(units)}`);
    assert.equal(await page.getByRole('link', { name: 'Phường Bạch Mai' }).count(), 0);
    assert.equal(await page.getByRole('link', { name: 'Sáp nhập đơn vị' }).count(), 0, 'no restructuring for a ward officer');
    await screenshot(page, '41-can-bo-phuong-don-vi');

    await page.goto('/people');
    const wards = (await page.locator('#people-table tbody td:last-child').allInnerTexts()).map((t) => t.trim());
    assert.ok(wards.length > 0);
    assert.ok(wards.every((w) => w.includes('Bạch Đằng')), `only Bạch Đằng people: ${JSON.stringify([...new Set(wards)])}`);
    // Searching does not reach outside the ward either.
    await page.goto('/people?q=dang+thi+hoa');
    assert.equal(await page.getByRole('link', { name: 'Đặng Thị Hoa' }).count(), 0);
    assert.match(await bodyText(page), /Không có cá nhân nào khớp với từ khóa\./);
    // Their own ward opens.
    await page.goto(other.own);
    await page.getByRole('heading', { name: 'Phường Bạch Đằng', level: 1 }).waitFor();
    p.assertClean();
    await p.close();
  });

  test("another ward's unit, person and people list answer “Không tìm thấy”", async () => {
    const p = await openPage(browser, server.url);
    const { page } = p;
    p.allowStatus(404);
    await login(page, 'canbo.bachdang');
    const wardId = other.ward.split('/').pop();
    for (const path of [other.ward, `${other.ward}/edit`, other.person, `/people?unit=${wardId}`]) {
      const res = await page.goto(path);
      assert.equal(res.status(), 404, path);
      await page.getByRole('heading', { name: 'Không tìm thấy', level: 1 }).waitFor();
      const text = await bodyText(page);
      assert.match(text, /Không tìm thấy dữ liệu trong phạm vi của bạn\./, path);
      assert.doesNotMatch(text, /Bạch Mai|Đặng Thị Hoa/, `${path} tells nothing of the other ward`);
    }
    await screenshot(page, '42-khong-tim-thay');
    // The same answer as for an address that does not exist at all.
    const res = await page.goto('/units/00000000-0000-7000-8000-000000000000');
    assert.equal(res.status(), 404);
    await page.getByRole('heading', { name: 'Không tìm thấy', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Trang chủ' }).click();
    await page.getByRole('heading', { name: 'Xin chào, Nguyễn Văn An' }).waitFor();
    p.assertClean();
    await p.close();
  });

  test('the error page leads home without any script', async () => {
    const p = await openPage(browser, server.url);
    const { page } = p;
    p.allowStatus(404);
    await login(page, 'canbo.bachdang');
    await page.goto('/units/00000000-0000-7000-8000-000000000000');
    assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
    await page.getByRole('link', { name: '← Về trang chủ' }).click();
    await page.waitForURL((u) => u.pathname === '/', { timeout: 3_000 });
    p.assertClean();
    await p.close();
  });
});
