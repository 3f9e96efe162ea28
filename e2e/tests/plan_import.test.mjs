// Importing a plan from its text: upload the Quận 11 plan, see each field beside the line it came from
// (clicking a field's line number highlights that line of the source), correct a field, drop a row,
// save, and find the draft campaign with its themes, targets, deadline and award forms.
// An OCR'd plan without diacritics: the fields the importer is unsure of carry a «Cần kiểm tra» badge
// and the reason, the notice at the top lists them (each linking to its field), the rest carry none.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { REPO_ROOT, bodyText, login, openPage, screenshot, withServerAndBrowser } from './helpers.mjs';

const SEED = path.join(REPO_ROOT, 'crates/plan/tests/fixtures/002_c6f9699f1c60ca0e.txt');
// UBND Quận 7's plan as OCR gave it: most diacritics lost, no «Số:» line, no date line.
const OCR_SEED = path.join(REPO_ROOT, 'crates/plan/tests/fixtures/000_9549354538468d2e.txt');
const CHECK = 'Cần kiểm tra';

/** Uploads a plan file on the import page and waits for the review page. */
async function importFile(page, file) {
  await page.goto('/campaigns/import');
  await page.getByLabel('Tệp kế hoạch (.txt, .md, .docx)').setInputFiles(file);
  await page.getByRole('button', { name: 'Đọc kế hoạch' }).click();
  await page.getByRole('heading', { name: 'Xem lại kế hoạch nhập từ văn bản', level: 1 }).waitFor();
}

/** The notice of fields to check first, as [label, reason] pairs in page order. */
async function listedChecks(page) {
  return page.locator('.check-first li').evaluateAll((lis) =>
    lis.map((li) => [li.querySelector('a').textContent.trim(), li.textContent.slice(li.querySelector('a').textContent.length + 1).trim()]),
  );
}

/** The badge and the reason shown at the field with this id ('' when the importer is sure of it). */
async function fieldCheck(page, id) {
  const badge = await page.locator(`label[for="${id}"] .badge`).allInnerTexts();
  const reason = await page.locator(`#${id} ~ .check-reason`).allInnerTexts();
  return { badge: badge.join(' '), reason: reason.join(' ').replace(/^⚠\s*/, '') };
}

/** Fails when the page is wider than the window (something overflows sideways). */
async function assertNoSidewaysOverflow(page, what) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  assert.ok(scroll <= client, `${what}: the page is ${scroll}px wide in a ${client}px window`);
}

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
    await assertNoSidewaysOverflow(page, 'clean plan');

    assert.equal(await page.locator('#f-number').inputValue(), '303/KH-UBND');
    assert.equal(await page.locator('#f-issued').inputValue(), '11/11/2024');
    assert.equal(await page.locator('#f-from').inputValue(), '01/11/2024');
    // A clean plan: the number and dates were read with confidence (no badge); only the issuer,
    // which the header does not print, is to be checked first.
    assert.deepEqual(await fieldCheck(page, 'f-number'), { badge: '', reason: '' });
    assert.deepEqual(await fieldCheck(page, 'f-from'), { badge: '', reason: '' });
    assert.deepEqual((await listedChecks(page)).map((c) => c[0]), ['Cơ quan ban hành']);
    assert.equal((await fieldCheck(page, 'f-issuer')).badge, CHECK);
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

  test('an OCR plan without diacritics: unsure fields carry «Cần kiểm tra» with the reason, listed first', async () => {
    const p = await openPage(app.browser, app.server.url, { viewport: { width: 1400, height: 900 } });
    const { page } = p;
    p.allowStatus(422);
    await login(page, 'thuongtruc');
    await importFile(page, OCR_SEED);
    await assertNoSidewaysOverflow(page, 'OCR plan');

    // The notice lists the unsure fields in page order, each with its reason in full Vietnamese.
    const notice = page.locator('.check-first');
    assert.match(await notice.locator('p').innerText(), /Hãy kiểm tra trước 7 mục máy đọc chưa chắc chắn/);
    const listed = await listedChecks(page);
    assert.deepEqual(
      listed.map((c) => c[0]),
      ['Số, ký hiệu', 'Ngày ban hành', 'Cơ quan ban hành', 'Địa danh', 'Tên kế hoạch', 'Chức vụ, họ tên người ký', 'Thời gian thi đua'],
    );
    const reasons = Object.fromEntries(listed);
    assert.equal(reasons['Số, ký hiệu'], 'Không thấy dòng «Số:» ở phần đầu văn bản');
    assert.equal(reasons['Tên kế hoạch'], 'Văn bản gốc mất dấu tiếng Việt, máy đã phục hồi dấu: hãy soát lại chính tả');
    assert.equal(reasons['Thời gian thi đua'], 'Suy ra từ năm ghi trong tên kế hoạch, văn bản không nêu thời gian thi đua');

    // Each unsure field carries the badge and the same reason under its box.
    for (const [id, label] of [
      ['f-number', 'Số, ký hiệu'],
      ['f-issued', 'Ngày ban hành'],
      ['f-issuer', 'Cơ quan ban hành'],
      ['f-place', 'Địa danh'],
      ['f-title', 'Tên kế hoạch'],
      ['f-stitle', 'Chức vụ, họ tên người ký'],
      ['f-from', 'Thời gian thi đua'],
    ]) {
      assert.deepEqual(await fieldCheck(page, id), { badge: CHECK, reason: reasons[label] }, id);
    }
    // The badge is legible: dark text on a light yellow ground, not smaller than 12px.
    const style = await page.locator('label[for="f-title"] .badge').evaluate((el) => {
      const s = getComputedStyle(el);
      return { color: s.color, bg: s.backgroundColor, size: parseFloat(s.fontSize) };
    });
    assert.deepEqual([style.color, style.bg], ['rgb(107, 78, 0)', 'rgb(255, 241, 207)']);
    assert.ok(style.size >= 12, `badge font ${style.size}px`);

    // Fields read with confidence carry none: the legal bases (lines 5 and 9) and the end of the period.
    assert.deepEqual(await fieldCheck(page, 'f-legal'), { badge: '', reason: '' });
    assert.equal(await page.locator('label[for="f-legal"] .src-links').innerText(), 'dòng 5, 9');
    assert.deepEqual(await fieldCheck(page, 'f-to'), { badge: '', reason: '' });
    assert.equal(await page.locator('legend .badge').count(), 0, 'the lists were read with confidence');
    await screenshot(page, '52-nhap-ke-hoach-ocr-can-kiem-tra');

    // A name in the notice takes the officer to its field.
    await notice.getByRole('link', { name: 'Tên kế hoạch' }).click();
    assert.equal(new URL(page.url()).hash, '#f-title');
    // The box comes into view with its label and badge above it, not under the window's top edge.
    for (const what of ['label[for="f-title"] .badge', '#f-title']) {
      const [top, bottom, height] = await page.locator(what).evaluate((el) => {
        const r = el.getBoundingClientRect();
        return [r.top, r.bottom, window.innerHeight];
      });
      assert.ok(top >= 0 && bottom <= height, `${what} is in view after following the link (${top}..${bottom} of ${height})`);
    }

    // The marks survive a refused save (the title left empty): the same fields are still to check.
    await page.locator('#f-title').fill('');
    await page.getByRole('button', { name: 'Lưu thành dự thảo kế hoạch' }).click();
    await page.locator('.has-error #f-title').waitFor();
    assert.deepEqual((await listedChecks(page)).map((c) => c[0]), listed.map((c) => c[0]));
    assert.equal((await fieldCheck(page, 'f-number')).badge, CHECK);
    assert.deepEqual(await fieldCheck(page, 'f-legal'), { badge: '', reason: '' });

    // On a phone the badges and reasons wrap instead of widening the page.
    await page.setViewportSize({ width: 390, height: 844 });
    await assertNoSidewaysOverflow(page, 'OCR plan on a phone');
    await screenshot(page, '53-nhap-ke-hoach-ocr-dien-thoai', { fullPage: false });
    p.assertClean();
    await p.close();
  });
});

