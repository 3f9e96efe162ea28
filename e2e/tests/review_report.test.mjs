// A campaign's year-end report (báo cáo tổng kết) through the real pages: the standing office opens
// last year's closed yearly plan of the demo, opens its year-end report — the demo's saved text under
// each section, the figures, tables and charts read from the records — adds its proposals and saves;
// a wrong date is refused at its field with the typed text kept; the Word file downloads; the mid-way
// report is one tab away, not yet saved. No console error, no CSP violation.
// Screenshots go to e2e/screenshots/review-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bodyText, login, openPage, screenshot, withServerAndBrowser } from './helpers.mjs';

const PLAN = 'Phát động phong trào thi đua yêu nước thực hiện thắng lợi các mục tiêu, nhiệm vụ phát triển kinh tế - xã hội năm';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('báo cáo sơ kết, tổng kết phong trào', () => {
  const app = withServerAndBrowser();

  test('the office completes and saves the year-end report of a closed plan', async () => {
    const lastYear = new Date().getFullYear() - 1;
    const office = await openPage(app.browser, app.server.url);
    office.allowStatus(422);
    const page = office.page;
    await login(page, 'thuongtruc');
    await page.goto(`/campaigns?q=${encodeURIComponent(`${PLAN} ${lastYear}`)}`);
    await page.getByRole('link', { name: `${PLAN} ${lastYear}` }).first().click();
    await page.getByRole('link', { name: 'Báo cáo tổng kết' }).click();
    await page.getByRole('heading', { name: /^Báo cáo tổng kết:/, level: 1 }).waitFor();

    // The demo's saved report: its text, the sections in the default outline, figures and charts.
    const text = await bodyText(page);
    assert.match(text, /Đã lưu/);
    for (const heading of ['I. CÔNG TÁC CHỈ ĐẠO, TỔ CHỨC TRIỂN KHAI', 'II. ĐĂNG KÝ THI ĐUA', 'III. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU THI ĐUA', 'IV. VIỆC THỰC HIỆN CHẾ ĐỘ BÁO CÁO', 'IX. ĐỀ XUẤT, KIẾN NGHỊ']) {
      assert.ok(text.includes(heading), `missing section ${heading}`);
    }
    assert.match(text, /đơn vị tham gia đã đăng ký thi đua/);
    assert.match(text, /lượt báo cáo, hồ sơ: gửi đúng hạn \d+/);
    assert.match(text, /Số liệu tính đến ngày/);
    assert.equal(await page.getByLabel('Nhận xét của cơ quan — Đánh giá chung').inputValue().then((v) => v.startsWith('Ưu điểm:')), true);
    const charts = await page.locator('figure.chart svg').count();
    assert.ok(charts >= 2, `charts drawn: ${charts}`);
    const bars = await page.locator('figure.chart svg rect').count();
    assert.ok(bars > 0, 'the charts have bars');
    await screenshot(page, 'review-final');

    // A wrong date: refused at its field, the typed text kept, nothing saved.
    const proposals = page.getByLabel('Nhận xét của cơ quan — Đề xuất, kiến nghị');
    await proposals.fill('Đề nghị Thành phố bố trí kinh phí khen thưởng cho cơ sở.');
    await page.getByLabel('Ngày báo cáo', { exact: true }).fill('32/13/2025');
    await page.getByRole('button', { name: 'Lưu báo cáo' }).click();
    await page.getByRole('alert').first().waitFor();
    assert.match(await bodyText(page), /Ngày báo cáo “32\/13\/2025” không phải là ngày hợp lệ/);
    assert.equal(await proposals.inputValue(), 'Đề nghị Thành phố bố trí kinh phí khen thưởng cho cơ sở.');
    await screenshot(page, 'review-error');

    // Corrected and saved.
    await page.getByLabel('Ngày báo cáo', { exact: true }).fill(`20/01/${lastYear + 1}`);
    await page.getByRole('button', { name: 'Lưu báo cáo' }).click();
    await page.getByText('Đã lưu báo cáo tổng kết.').waitFor();
    assert.equal(await page.getByLabel('Nhận xét của cơ quan — Đề xuất, kiến nghị').inputValue(), 'Đề nghị Thành phố bố trí kinh phí khen thưởng cho cơ sở.');

    // The Word file.
    const href = await page.getByRole('link', { name: 'Tải bản Word' }).getAttribute('href');
    const docx = await page.request.get(href);
    assert.equal(docx.status(), 200);
    assert.equal(docx.headers()['content-type'], DOCX);
    assert.ok((await docx.body()).length > 10_000, 'the DOCX holds its charts');

    // The mid-way report: another tab, not saved yet.
    await page.getByRole('link', { name: 'Báo cáo sơ kết' }).click();
    await page.getByRole('heading', { name: /^Báo cáo sơ kết:/, level: 1 }).waitFor();
    assert.match(await bodyText(page), /Chưa lưu/);
    await screenshot(page, 'review-interim');
    office.assertClean();
    await office.close();
  });
});
