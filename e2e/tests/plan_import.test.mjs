// Importing a plan from its text: upload the Quận 11 plan, see each field beside the line it came from
// (clicking a field's line number highlights that line of the source), correct a field, drop a row,
// save, and find the draft campaign with its themes, targets, deadline and award forms.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { REPO_ROOT, bodyText, login, openPage, screenshot, withServerAndBrowser } from './helpers.mjs';

const SEED = path.join(REPO_ROOT, 'crates/plan/tests/fixtures/002_c6f9699f1c60ca0e.txt');

describe('nhập kế hoạch từ văn bản', () => {
  const app = withServerAndBrowser();

  test('upload, review against the source lines, save as a draft campaign', async () => {
    const p = await openPage(app.browser, app.server.url, { viewport: { width: 1400, height: 900 } });
    const { page } = p;
    await login(page, 'thuongtruc');
    await page.goto('/campaigns');
    await page.getByRole('link', { name: 'Nhập từ văn bản' }).click();
    await page.getByRole('heading', { name: 'Nhập kế hoạch từ văn bản', level: 1 }).waitFor();
    await page.getByLabel('Tệp kế hoạch (.txt, .md, .docx)').setInputFiles(SEED);
    await page.getByRole('button', { name: 'Đọc kế hoạch' }).click();
    await page.getByRole('heading', { name: 'Xem lại kế hoạch nhập từ văn bản', level: 1 }).waitFor();

    assert.equal(await page.locator('#f-number').inputValue(), '303/KH-UBND');
    assert.equal(await page.locator('#f-issued').inputValue(), '11/11/2024');
    assert.equal(await page.locator('#f-from').inputValue(), '01/11/2024');
    // The number came from line 3 of the source; clicking it highlights that line.
    const link = page.locator('label[for="f-number"] a');
    assert.equal(await link.innerText(), '3');
    await link.click();
    const line = page.locator('#L3');
    assert.match(await line.innerText(), /303 \/KH-UBND/);
    const bg = await line.evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(bg, 'rgb(255, 233, 179)', 'the line the field came from is highlighted');
    // Lead units matched to the organisation's offices.
    const leads = await page.locator('select[name$="_lead_unit_id"]').evaluateAll((els) => els.map((e) => e.selectedOptions[0]?.textContent.trim()));
    assert.ok(leads.includes('Phòng Tài chính - Kế hoạch'), leads.join(' | '));
    await screenshot(page, '50-nhap-ke-hoach');

    // Correct the title, drop the last award form, save.
    await page.locator('#f-title').fill('Thi đua cao điểm 60 ngày đêm (nhập thử từ văn bản)');
    await page.locator('input[name="a2_keep"]').uncheck();
    await page.getByRole('button', { name: 'Lưu thành dự thảo kế hoạch' }).click();
    await page.getByText('Đã lưu kế hoạch nhập từ văn bản thành dự thảo.').waitFor();
    const text = await bodyText(page);
    assert.match(text, /Thi đua cao điểm 60 ngày đêm \(nhập thử từ văn bản\)/);
    assert.match(text, /Chuyên đề \(4\)/);
    assert.match(text, /Chỉ tiêu \(4\)/);
    assert.match(text, /Thời hạn \(1\)/);
    assert.match(text, /Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố/);
    assert.equal(await page.locator('h2#awards + ul li').count(), 2, 'the dropped award form was not saved');
    await screenshot(page, '51-ke-hoach-da-nhap');
    p.assertClean();
    await p.close();
  });
});
