// A campaign from the standing office's form to a unit officer's report: create a plan (a refused
// first try shows the messages at the fields), add a theme, a per-unit target and a deadline, launch it;
// the ward officer sees it on the home page, registers, reports progress with an evidence file, sends
// the document due, and the office's matrix turns that cell from red (missing) to green (on time).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bodyText, login, openPage, screenshot, withServerAndBrowser } from './helpers.mjs';

/** Picks the option whose text (indentation trimmed) is `label` in the select labelled `selectLabel`. */
async function choose(page, selectLabel, label) {
  const select = page.getByLabel(selectLabel, { exact: true });
  const value = await select.evaluate((el, wanted) => [...el.options].find((o) => o.textContent.trim() === wanted)?.value ?? null, label);
  assert.ok(value, `option “${label}” not found in “${selectLabel}”`);
  await select.selectOption(value);
}

/** The class of the matrix cell of `unit` in the first deadline column. */
async function matrixCell(page, unit) {
  const row = page.locator('table.matrix tbody tr').filter({ has: page.locator('th.unit', { hasText: unit }) });
  return row.locator('td').first().getAttribute('class');
}

describe('kế hoạch, phong trào thi đua', () => {
  const app = withServerAndBrowser();

  test('create, launch, register, report progress, send: the matrix changes colour', async () => {
    const year = new Date().getFullYear();
    const office = await openPage(app.browser, app.server.url);
    office.allowStatus(422);
    const page = office.page;
    await login(page, 'thuongtruc');
    await page.getByRole('navigation').getByRole('link', { name: 'Kế hoạch, phong trào' }).click();
    await page.getByRole('link', { name: '+ Thêm kế hoạch' }).click();
    await page.getByRole('heading', { name: 'Thêm kế hoạch, phong trào thi đua', level: 1 }).waitFor();

    // First try: no title, the period backwards.
    await page.getByLabel('Thời gian bắt đầu').fill(`31/12/${year}`);
    await page.getByLabel('Thời gian kết thúc').fill(`01/01/${year}`);
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('alert').waitFor();
    const text = await bodyText(page);
    assert.match(text, /Tên kế hoạch không được để trống\./);
    assert.match(text, /Thời gian kết thúc \(01\/01\/\d{4}\) phải sau thời gian bắt đầu/);
    await screenshot(page, '40-ke-hoach-loi');

    // Second try.
    await page.getByLabel('Số, ký hiệu').fill('15/KH-UBND');
    await page.getByLabel('Tên kế hoạch *').fill(`Phát động thi đua thử nghiệm trình duyệt năm ${year}`);
    await page.getByLabel('Thời gian bắt đầu').fill(`01/01/${year}`);
    await page.getByLabel('Thời gian kết thúc').fill(`31/12/${year}`);
    for (const unit of ['Phường Bạch Đằng', 'Phường Bách Khoa', 'Phòng Văn hóa và Thông tin']) {
      await page.getByLabel(unit, { exact: true }).check();
    }
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã lưu dự thảo kế hoạch.').waitFor();
    const planUrl = new URL(page.url()).pathname;
    assert.match(await bodyText(page), /Dự thảo/);

    // A theme led by the culture office.
    await page.getByRole('link', { name: '+ Thêm chuyên đề' }).click();
    await page.getByLabel('Tên chuyên đề *').fill('Thi đua thực hiện chuyển đổi số');
    await choose(page, 'Đơn vị chủ trì *', 'Phòng Văn hóa và Thông tin');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã thêm chuyên đề').waitFor();

    // A per-unit target: first with a threshold that is not a number.
    await page.getByRole('link', { name: '+ Thêm chỉ tiêu' }).click();
    await page.getByLabel('Nội dung chỉ tiêu *').fill('Tỷ lệ hồ sơ giải quyết đúng hạn');
    await page.getByLabel('Mức chỉ tiêu *').fill('chín lăm');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('alert').waitFor();
    assert.match(await bodyText(page), /Mức chỉ tiêu “chín lăm” không phải là số/);
    await page.getByLabel('Mức chỉ tiêu *').fill('95');
    await page.getByLabel('Đơn vị tính').fill('%');
    await page.getByLabel('Phạm vi').selectOption('per_unit');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã thêm chỉ tiêu.').waitFor();

    // A deadline one week from today (not due yet), and one already past (missing).
    const fmt = (d) => `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`;
    const inAWeek = new Date(Date.now() + 7 * 86400_000);
    const due = inAWeek.getFullYear() === year ? fmt(inAWeek) : `31/12/${year}`;
    await page.getByRole('link', { name: '+ Thêm thời hạn' }).click();
    await page.getByLabel('Nội dung phải làm *').fill('Gửi báo cáo kết quả chuyển đổi số');
    await page.getByLabel('Loại việc *').selectOption('mid_year_report');
    await page.getByLabel('Hạn chót *').fill(due);
    await page.getByLabel('Gửi đến').fill('Phòng Nội vụ');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã thêm thời hạn.').waitFor();
    await screenshot(page, '41-ke-hoach-du-thao');

    await page.getByRole('button', { name: 'Phát động' }).click();
    await page.getByText('Đã phát động').waitFor();
    assert.match(await bodyText(page), /Đang triển khai/);

    // The office's matrix: nothing sent yet; Bạch Đằng's cell is "not due".
    await page.goto(`${planUrl}/matrix`);
    assert.equal(await matrixCell(page, 'Phường Bạch Đằng'), 'm-not_due');

    // The ward officer.
    const ward = await openPage(app.browser, app.server.url);
    ward.allowStatus(422);
    const w = ward.page;
    await login(w, 'canbo.bachdang');
    const home = await bodyText(w);
    assert.match(home, /Việc cần làm/);
    assert.match(home, /Gửi báo cáo kết quả chuyển đổi số/);
    await screenshot(w, '42-trang-chu-can-bo');
    await w.goto(planUrl);
    await w.getByRole('link', { name: 'Đăng ký thi đua' }).first().click();
    await w.getByLabel('Tập thể lao động xuất sắc').check();
    await w.getByRole('button', { name: 'Gửi đăng ký' }).click();
    await w.getByText('Đã ghi nhận đăng ký thi đua.').waitFor();
    assert.match(await bodyText(w), /Tập thể lao động xuất sắc/);

    // Progress with evidence: a wrong file type is refused, then a PDF is accepted.
    const dir = mkdtempSync(path.join(tmpdir(), 'thidua-e2e-files-'));
    const fake = path.join(dir, 'bao-cao.pdf');
    writeFileSync(fake, 'MZ this is not a PDF');
    const real = path.join(dir, 'minh-chung.pdf');
    writeFileSync(real, '%PDF-1.4\n% minh chung\n');
    await w.goto(`${planUrl}/progress`);
    await w.getByRole('link', { name: 'Báo cáo kết quả' }).first().click();
    await w.getByLabel('Kết quả đạt được *').fill('87,5');
    await w.getByLabel('Tệp minh chứng').setInputFiles(fake);
    await w.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await w.getByRole('alert').waitFor();
    assert.match(await bodyText(w), /Tệp “bao-cao\.pdf” không đúng loại cho phép/);
    await w.getByLabel('Kết quả đạt được *').fill('87,5');
    await w.getByLabel('Tệp minh chứng').setInputFiles(real);
    await w.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await w.getByText('Đã ghi nhận kết quả thực hiện chỉ tiêu.').waitFor();
    const progress = await bodyText(w);
    assert.match(progress, /87,5 %/);
    assert.match(progress, /92,1 %/, 'percent of the 95 % threshold');
    await screenshot(w, '43-tien-do');

    // Send the document due: the matrix cell turns green.
    await w.goto(`${planUrl}/matrix`);
    await w.locator('table.matrix tbody td a').first().click();
    await w.getByLabel('Số văn bản').fill('25/BC-UBND');
    await w.getByLabel('Văn bản, hồ sơ đính kèm').setInputFiles(real);
    await w.getByRole('button', { name: 'Gửi', exact: true }).click();
    await w.getByText('Đã ghi nhận văn bản gửi đúng hạn.').waitFor();
    assert.equal(await matrixCell(w, 'Phường Bạch Đằng'), 'm-on_time');
    assert.equal(await w.locator('table.matrix tbody tr').count(), 1, 'a ward officer sees only their own unit');

    await page.reload();
    assert.equal(await matrixCell(page, 'Phường Bạch Đằng'), 'm-on_time');
    assert.equal(await matrixCell(page, 'Phường Bách Khoa'), 'm-not_due');
    await screenshot(page, '44-ma-tran');
    office.assertClean();
    ward.assertClean();
    await office.close();
    await ward.close();
  });
});
