// The statutory statistics (Biểu 0601.N–0605.N, Thông tư 02/2023/TT-BNV) through the real pages: the
// city's standing office opens «Thống kê» from the menu, changes the year, opens Biểu 0602 in its
// official layout, follows a figure to the records behind it, downloads the form as XLSX, and sees the
// hand-entered cells of Biểu 0604. A unit officer has no such menu entry.
// Screenshots go to e2e/screenshots/statistics-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { bodyText, login, openPage, screenshot, withServerAndBrowser } from './helpers.mjs';

describe('thống kê thi đua, khen thưởng', () => {
  const app = withServerAndBrowser();

  test('the office reads the five forms of a year, follows a figure and downloads the workbook', async () => {
    const office = await openPage(app.browser, app.server.url);
    const page = office.page;
    await login(page, 'hn.thuongtruc');
    await page.getByRole('navigation').getByRole('link', { name: 'Báo cáo thống kê', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /Thống kê thi đua, khen thưởng năm/ }).waitFor();

    // Change the year to 2024.
    await page.getByLabel('Năm báo cáo').selectOption('2024');
    await page.getByRole('button', { name: 'Xem' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thống kê thi đua, khen thưởng năm 2024' }).waitFor();
    const rows = await page.locator('table.stat-index tbody tr').allInnerTexts();
    assert.equal(rows.length, 5, rows.join('\n'));
    assert.match(rows[1], /0602\.N\/BNV-TĐKT.*SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC\s+2/s);
    await screenshot(page, 'statistics-index');

    // Biểu 0602 in its layout; the Prime Minister's Bằng khen to a province-level leader.
    await page.getByRole('link', { name: '0602.N/BNV-TĐKT' }).click();
    await page.getByRole('heading', { level: 1, name: 'SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC' }).waitFor();
    const text = await bodyText(page);
    assert.match(text, /Đơn vị báo cáo: Thành phố Hà Nội|Đơn vị báo cáo: .*Hà Nội/);
    assert.match(text, /Người lập biểu/);
    await screenshot(page, 'statistics-0602');
    const leaders = page.locator('table.stat-form tbody tr').filter({ hasText: 'Lãnh đạo cấp bộ, cấp tỉnh' });
    await leaders.getByRole('link', { name: '1', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: /Dòng 10, cột (1|7b): 1/ }).waitFor();
    assert.match(await bodyText(page), /Nguyễn Mạnh Quân.*Bằng khen của Thủ tướng Chính phủ.*1520\/QĐ-TTg/);
    await screenshot(page, 'statistics-cell');
    await page.getByRole('link', { name: /Biểu 0602/ }).click();

    // The workbook.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Tải XLSX' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'bieu-0602-2024.xlsx');
    const bytes = readFileSync(await download.path());
    assert.equal(bytes.subarray(0, 2).toString(), 'PK');

    // Biểu 0604: hand-entered by the office, row 01 adds them.
    await page.goto('/statistics/2025/0604');
    const total = page.locator('table.stat-form tbody tr').first();
    assert.match(await total.innerText(), /Tổng số\s+01\s+Tổ chức\s+4/);
    assert.ok(await page.locator('td.manual').count() >= 2);
    await screenshot(page, 'statistics-0604');
    office.assertClean();
    await office.close();

    const officer = await openPage(app.browser, app.server.url);
    await login(officer.page, 'hn.canbo.haibatrung');
    assert.equal(await officer.page.getByRole('navigation').getByRole('link', { name: 'Báo cáo thống kê', exact: true }).count(), 0);
    await officer.close();
  });
});
