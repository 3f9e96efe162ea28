// The dashboards and the emulation budget through the real pages: the standing office opens «Thống
// kê», picks 2022 (the demo's hand-countable history), sees each chart with its table (the chart's bars
// carry the table's figures), narrows to wards (the charts change), downloads a table as XLSX; a unit
// officer sees only their ward; the office enters the year's estimate on the budget page and sees what
// is left. No browser console error (the charts are server-drawn SVG under the CSP).
// Screenshots go to e2e/screenshots/dashboard-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bodyText, login, openPage, screenshot, withServerAndBrowser } from './helpers.mjs';

/** The figures of one chart: every bar's tooltip («category — series: value» or «category: value»). */
async function barTitles(section) {
  return section.locator('svg rect.bar title').allTextContents();
}

/** The rows of a figure's table, cells trimmed. */
async function tableRows(section) {
  return section.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
}

describe('thống kê và kinh phí thi đua, khen thưởng', () => {
  const app = withServerAndBrowser();

  test('filters change the charts, tables match, XLSX downloads, unit officers see their unit', async () => {
    const office = await openPage(app.browser, app.server.url);
    const page = office.page;
    await login(page, 'thuongtruc');
    await page.getByRole('link', { name: 'Thống kê', exact: true }).click();
    await page.getByLabel('Năm').fill('2022');
    await page.getByRole('button', { name: 'Xem' }).click();
    await page.getByRole('heading', { name: 'Thống kê thi đua, khen thưởng năm 2022', level: 1 }).waitFor();
    assert.match(await page.locator('#shares').innerText(), /Cá nhân được khen thưởng: 4; trong đó nữ 3 \(75%\)/);

    const forms = page.locator('#fig-awards_by_form');
    const rows = await tableRows(forms);
    const titles = await barTitles(forms);
    assert.equal(rows.length, 5, `${rows}`);
    // Every non-zero cell of the table is a bar of the chart, and every bar a cell.
    for (const [name, people, units] of rows) {
      for (const [series, n] of [['Cá nhân', people], ['Tập thể', units]]) {
        const bar = titles.find((t) => t.startsWith(`${name} — ${series}:`));
        assert.ok(bar, `no bar for ${name} / ${series} in ${titles}`);
        assert.equal(bar, `${name} — ${series}: ${n}`);
      }
    }
    await screenshot(page, 'dashboard-office');
    const before = await forms.locator('svg').innerHTML();

    // Only wards: the charts change.
    await page.getByLabel('Loại đơn vị').selectOption({ label: 'Phường, xã, thị trấn' });
    await page.getByRole('button', { name: 'Xem' }).click();
    await page.waitForURL(/unit_kind=ward/);
    const after = await forms.locator('svg').innerHTML();
    assert.notEqual(after, before, 'the filter changed the chart');
    const wardRows = await tableRows(page.locator('#fig-awards_by_unit'));
    assert.ok(wardRows.length > 0 && wardRows.every((r) => r[0].startsWith('Phường')), `${wardRows}`);
    assert.match(await page.locator('#shares').innerText(), /Cá nhân được khen thưởng: 1;/);

    // The table as XLSX, with the filters kept.
    const link = forms.getByRole('link', { name: 'Tải bảng (XLSX)' });
    assert.match(await link.getAttribute('href'), /year=2022&unit_kind=ward/);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.match(download.suggestedFilename(), /^thong-ke-awards-by-form-2022\.xlsx$/);
    const file = await download.path();
    assert.ok(file, 'the file was saved');
    office.assertClean();

    // A unit officer: only Bạch Đằng.
    const officer = await openPage(app.browser, app.server.url);
    await login(officer.page, 'canbo.bachdang');
    await officer.page.goto('/dashboard?year=2022');
    const text = await bodyText(officer.page);
    assert.match(text, /Số liệu của Phường Bạch Đằng và các đơn vị trực thuộc\./);
    const units = await tableRows(officer.page.locator('#fig-awards_by_unit'));
    assert.deepEqual(units.map((r) => r[0]), ['Phường Bạch Đằng']);
    assert.doesNotMatch(text, /Phòng Văn hóa và Thông tin/);
    assert.equal(await officer.page.getByRole('link', { name: 'Kinh phí thi đua, khen thưởng' }).count(), 0);
    await screenshot(officer.page, 'dashboard-officer');
    officer.assertClean();
    await officer.close();
    await office.close();
  });

  test('the office enters the estimate and sees what is left; a bad amount is named', async () => {
    const office = await openPage(app.browser, app.server.url);
    office.allowStatus(422);
    const page = office.page;
    await login(page, 'thuongtruc');
    await page.goto('/dashboard');
    await page.getByRole('link', { name: 'Kinh phí thi đua, khen thưởng' }).click();
    await page.getByLabel('Ngân sách nhà nước', { exact: true }).fill('một trăm triệu');
    await page.getByRole('button', { name: 'Lưu dự toán' }).click();
    await page.getByRole('alert').waitFor();
    assert.match(await bodyText(page), /Ngân sách nhà nước: Nhập số tiền bằng đồng/);
    await page.getByLabel('Ngân sách nhà nước', { exact: true }).fill('150.000.000');
    await page.getByLabel('Quỹ thi đua, khen thưởng', { exact: true }).fill('50000000');
    await page.getByRole('button', { name: 'Lưu dự toán' }).click();
    await page.getByText('Đã lưu dự toán kinh phí năm').waitFor();
    const summary = await page.locator('#budget-summary').innerText();
    assert.match(summary, /Dự toán cả năm\s+200\.000\.000 đ/);
    assert.match(summary, /(Còn lại|Vượt dự toán)/);
    assert.match(await bodyText(page), /sử dụng nguồn kinh phí thi đua, khen thưởng của Quận/);
    await screenshot(page, 'dashboard-budget');
    office.assertClean();
    await office.close();
  });
});
