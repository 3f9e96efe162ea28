// Scoring (chấm điểm, xếp hạng thi đua) through the real pages, each role in its own browser context:
// the standing office creates a scale for this year over Cụm thi đua số 1 (các phường) from last
// cycle's criteria, adds a group and two criteria with the page's forms (one fixed, one with a
// precondition), drops the copied groups and opens it; the officer
// of Phường Bạch Đằng self-assesses on the sheet page, sees the total and attaches an evidence PDF; the
// office closes the self-assessment, changes one score on the ward's sheet — refused at the criterion
// without a reason, saved with one — and publishes; the officer reads the change and its reason in
// «Lịch sử thay đổi điểm» and appeals; the office accepts the appeal with a corrected score on the
// scale's page; the ranking shows the ward first in its cluster with the corrected total.
// A second test builds a scale from nothing with the page's forms: a group, then a criterion.
// Screenshots go to e2e/screenshots/scoring-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bodyText, login, openPage, screenshot, withServerAndBrowser } from './helpers.mjs';

const WARD = 'Phường Bạch Đằng';
const CLUSTER = 'Cụm thi đua số 1 (các phường)';
const GROUP = 'Thực hiện nhiệm vụ chính trị, công tác thi đua';
const FIXED = 'Ban hành kế hoạch, phát động phong trào thi đua năm đúng thời gian';
const GATED = 'Gửi báo cáo tổng kết phong trào thi đua đúng hạn';
const PRECONDITION = 'Có báo cáo tổng kết gửi Thường trực Hội đồng Thi đua - Khen thưởng';
const REASON = 'Đối chiếu biên bản kiểm tra: còn 01 kế hoạch ban hành chậm so với quy định.';
const APPEAL = 'Kế hoạch ban hành đúng hạn theo Văn bản số 45/UBND ngày 15/02; đề nghị xem xét lại điểm tiêu chí 1.1.';
const DECISION = 'Đối chiếu Văn bản số 45/UBND: kế hoạch ban hành đúng hạn, một kế hoạch bổ sung ban hành chậm; công nhận 17 điểm.';

/** A day in Vietnam as dd/mm/yyyy, `days` from today. */
function vnDate(days = 0) {
  const d = new Date(Date.now() + 7 * 3600_000 + days * 86_400_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

/** Picks the option of the select labelled `label` whose text contains `wanted`. */
async function choose(scope, label, wanted) {
  const select = scope.getByLabel(label, { exact: true });
  const values = await select.evaluate((el, w) => [...el.options].filter((o) => o.textContent.includes(w)).map((o) => o.value), wanted);
  assert.equal(values.length, 1, `exactly one option “${wanted}” expected in “${label}”, found ${values.length}`);
  await select.selectOption(values[0]);
}

/** A full-page screenshot for a person to look at; the page must not scroll sideways (wide tables). */
async function shot(page, name) {
  await screenshot(page, name);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `${name}: the page scrolls sideways by ${overflow}px`);
}

/** The row of the sheet's table that holds the criterion `text`. */
const criterionRow = (page, text) => page.locator('table.sheet tbody tr').filter({ hasText: text });

describe('chấm điểm, xếp hạng thi đua cụm phường', () => {
  const app = withServerAndBrowser();

  test('a scale is built, self-assessed, reviewed with reasons, published, appealed and ranked', async () => {
    const contexts = [];
    const as = async (username, ...allowed) => {
      const c = await openPage(app.browser, app.server.url);
      c.allowStatus(...allowed);
      contexts.push(c);
      await login(c.page, username);
      return c;
    };
    const year = Number(vnDate().slice(6));
    const SCALE = `Thang điểm thi đua ${CLUSTER} năm ${year} (thử nghiệm)`;
    const dir = mkdtempSync(path.join(tmpdir(), 'thidua-e2e-scoring-'));
    const evidence = path.join(dir, 'ke-hoach-phat-dong-thi-dua.pdf');
    writeFileSync(evidence, '%PDF-1.4\n% ke hoach\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

    // 1. The standing office creates the scale from the list page, taking last cycle's criteria
    //    (the second test builds one from nothing).
    const office = await as('thuongtruc', 422);
    const o = office.page;
    await o.getByRole('navigation').getByRole('link', { name: 'Chấm điểm' }).click();
    await o.getByRole('heading', { name: 'Chấm điểm, xếp hạng thi đua', level: 1 }).waitFor();
    await o.getByRole('link', { name: '+ Tạo thang điểm' }).click();
    await o.getByLabel('Tên thang điểm').fill(SCALE);
    assert.equal(await o.getByLabel(/^Năm/).inputValue(), String(year));
    // The self-assessment stays open a week: the ward scores before the office closes it.
    await o.getByLabel('Hạn đơn vị tự chấm').fill(vnDate(7));
    await o.getByLabel(`${CLUSTER} (${year})`, { exact: true }).check();
    await choose(o, 'Sao chép tiêu chí từ thang điểm', `Khối phường năm ${year}`);
    await shot(o, 'scoring-01-tao-thang-diem');
    await o.getByRole('button', { name: 'Tạo thang điểm' }).click();
    await o.getByText(`Đã tạo ${SCALE}.`).waitFor();
    const scaleUrl = new URL(o.url()).pathname;
    const copied = await o.getByRole('table', { name: 'Nhóm tiêu chí và tiêu chí' }).locator('tr.group-row').count();
    assert.ok(copied > 0, 'the criteria were copied');

    // A group of this year, then a fixed criterion and one that counts only when its precondition is met.
    await o.getByLabel('Tên nhóm').fill(GROUP);
    await o.getByLabel('Điểm tối đa').fill('40');
    await o.getByRole('button', { name: 'Thêm nhóm' }).click();
    await o.getByText('Đã thêm nhóm tiêu chí.').waitFor();
    const addCriterion = async (code, text, points, precondition) => {
      await choose(o, 'Nhóm', GROUP);
      await o.getByLabel('STT', { exact: true }).fill(code);
      await o.getByLabel('Nội dung tiêu chí').fill(text);
      await choose(o, 'Loại', 'Chấm điểm (0 đến điểm chuẩn)');
      await o.getByLabel('Điểm chuẩn').fill(points);
      if (precondition) await o.getByLabel('Điều kiện để chấm điểm').fill(precondition);
      await o.getByRole('button', { name: 'Thêm tiêu chí' }).click();
      await o.getByText('Đã thêm tiêu chí.').waitFor();
    };
    await addCriterion('1.1', FIXED, '20');
    await addCriterion('1.2', GATED, '20', PRECONDITION);
    // Last cycle's groups are dropped, the first one each time, until only the new group is left.
    for (let i = 0; i < copied; i++) {
      await o.getByRole('button', { name: /^Xóa nhóm I\. / }).click();
      await o.getByText('Đã xóa.').waitFor();
    }
    const table = o.getByRole('table', { name: 'Nhóm tiêu chí và tiêu chí' });
    assert.equal(await table.locator('tr.group-row').count(), 1);
    const criteria = (await table.innerText()).replace(/\s+/g, ' ');
    for (const needle of [GROUP, FIXED, GATED, `Điều kiện: ${PRECONDITION}`]) {
      assert.ok(criteria.includes(needle), `the scale lacks “${needle}”: ${criteria}`);
    }
    await shot(o, 'scoring-02-thang-diem-dang-soan');
    await o.getByRole('button', { name: 'Mở cho đơn vị tự chấm' }).click();
    await o.getByText('Thang điểm chuyển sang bước «Đơn vị đang tự chấm».').waitFor();

    // 2. The ward's officer opens the sheet from the list and self-assesses.
    const ward = await as('canbo.bachdang');
    const w = ward.page;
    await w.getByRole('navigation').getByRole('link', { name: 'Chấm điểm' }).click();
    await w.getByRole('row').filter({ hasText: SCALE }).getByRole('link', { name: `Phiếu chấm của ${WARD}` }).click();
    await w.getByRole('heading', { name: `Phiếu chấm điểm: ${WARD}`, level: 1 }).waitFor();
    const sheetUrl = new URL(w.url()).pathname;
    await w.getByLabel('Điểm tiêu chí 1.1', { exact: true }).fill('18');
    await w.getByLabel('Nhận xét tiêu chí 1.1', { exact: true }).fill('Kế hoạch số 12/KH-UBND ngày 20/01.');
    await w.getByLabel('Điều kiện tiêu chí 1.2', { exact: true }).selectOption({ label: 'Đạt điều kiện' });
    await w.getByLabel('Điểm tiêu chí 1.2', { exact: true }).fill('19,5');
    await shot(w, 'scoring-03-tu-cham');
    await w.getByRole('button', { name: 'Lưu điểm tự chấm' }).click();
    await w.getByText('Đã lưu 2 tiêu chí thay đổi.').waitFor();
    assert.equal((await w.locator('#total').innerText()).trim(), '37,5');

    // Evidence for the first criterion.
    await choose(w, 'Tiêu chí của minh chứng', FIXED);
    await w.getByLabel('Tệp minh chứng', { exact: true }).setInputFiles(evidence);
    await w.getByRole('button', { name: 'Tải lên' }).click();
    await w.getByText('Đã đính kèm 1 tệp minh chứng.').waitFor();
    const file = criterionRow(w, FIXED).getByRole('link', { name: 'ke-hoach-phat-dong-thi-dua.pdf' });
    await file.waitFor();
    const download = await w.request.get(await file.getAttribute('href'));
    assert.equal(download.status(), 200);
    assert.match((await download.body()).toString(), /^%PDF-1\.4/);
    await shot(w, 'scoring-04-da-tu-cham');

    // 3. The office closes the self-assessment and reviews the ward's sheet.
    await o.goto(scaleUrl);
    await o.getByRole('button', { name: 'Kết thúc tự chấm, chuyển thẩm định' }).click();
    await o.getByText('Thang điểm chuyển sang bước «Đang thẩm định».').waitFor();
    await o.getByRole('table', { name: 'Đơn vị được chấm' }).getByRole('link', { name: WARD, exact: true }).click();
    await o.getByRole('heading', { name: `Phiếu chấm điểm: ${WARD}`, level: 1 }).waitFor();
    assert.equal(new URL(o.url()).pathname, sheetUrl);
    assert.match(await criterionRow(o, FIXED).innerText(), /Kế hoạch số 12\/KH-UBND ngày 20\/01\./, "the ward's comment is shown to the reviewer");
    // A changed score without a reason is refused; the message stands at the criterion.
    await o.getByLabel('Điểm tiêu chí 1.1', { exact: true }).fill('15');
    await o.getByRole('button', { name: 'Lưu kết quả thẩm định' }).click();
    const refused = criterionRow(o, FIXED).locator('p.error');
    await refused.waitFor();
    const missing = `Tiêu chí 1.1 (${FIXED}): hãy ghi lý do thay đổi điểm.`;
    assert.equal((await refused.innerText()).trim(), missing);
    assert.match(await o.getByRole('alert').innerText(), /Chưa lưu được/);
    // The summary names the criterion and links to its row.
    const toRow = o.getByRole('alert').getByRole('link', { name: missing, exact: true });
    assert.equal(await toRow.getAttribute('href'), `#${await criterionRow(o, FIXED).getAttribute('id')}`);
    assert.equal(await o.getByLabel('Điểm tiêu chí 1.1', { exact: true }).inputValue(), '15', 'what was typed comes back');
    await shot(o, 'scoring-05-tham-dinh-thieu-ly-do');
    await o.getByLabel('Lý do sửa điểm tiêu chí 1.1', { exact: true }).fill(REASON);
    await o.getByRole('button', { name: 'Lưu kết quả thẩm định' }).click();
    await o.getByText('Đã lưu 1 tiêu chí thay đổi.').waitFor();
    assert.equal((await o.locator('#total').innerText()).trim(), '34,5');
    await shot(o, 'scoring-06-da-tham-dinh');
    await o.goto(scaleUrl);
    await o.getByRole('button', { name: 'Công bố kết quả' }).click();
    await o.getByText('Thang điểm chuyển sang bước «Đã công bố».').waitFor();

    // 4. The officer reads the change and its reason, then appeals.
    await w.goto(sheetUrl);
    const history = w.getByRole('table', { name: 'Lịch sử thay đổi điểm' });
    const change = history.getByRole('row').filter({ hasText: REASON });
    await change.waitFor();
    const cells = (await change.locator('td').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    assert.ok(cells.includes('Thẩm định'), `the step: ${cells}`);
    assert.ok(cells.includes('18') && cells.includes('15'), `before and after: ${cells}`);
    assert.ok(cells.some((c) => c.includes(FIXED)), `the criterion: ${cells}`);
    assert.equal((await w.locator('#total').innerText()).trim(), '34,5');
    await choose(w, 'Tiêu chí kiến nghị', FIXED);
    await w.getByLabel('Nội dung kiến nghị').fill(APPEAL);
    await shot(w, 'scoring-07-ket-qua-va-kien-nghi');
    await w.getByRole('button', { name: 'Gửi kiến nghị' }).click();
    await w.getByText('Đã gửi kiến nghị.').waitFor();
    assert.match(await bodyText(w), /Đang chờ giải quyết/);

    // 5. The office accepts the appeal with a corrected score on the scale's page.
    await o.goto(scaleUrl);
    const appeal = o.locator('#appeals ~ .cluster').filter({ hasText: APPEAL });
    await appeal.waitFor();
    assert.match(await appeal.innerText(), new RegExp(WARD));
    await appeal.getByLabel('Kết quả giải quyết').selectOption({ label: 'Chấp nhận, sửa điểm' });
    await appeal.getByLabel('Điểm mới (tối đa 20)', { exact: true }).fill('17');
    await appeal.getByLabel('Lý do giải quyết').fill(DECISION);
    await shot(o, 'scoring-08-giai-quyet-kien-nghi');
    await appeal.getByRole('button', { name: 'Giải quyết' }).click();
    await o.getByText('Đã giải quyết kiến nghị.').waitFor();
    assert.match(await o.locator('#appeals ~ .cluster').filter({ hasText: APPEAL }).innerText(), /Đã chấp nhận/);

    // The ward sees the decision and the corrected score.
    await w.goto(sheetUrl);
    assert.equal((await w.locator('#total').innerText()).trim(), '36,5');
    const decided = w.getByRole('table', { name: 'Lịch sử thay đổi điểm' }).getByRole('row').filter({ hasText: DECISION });
    assert.match(await decided.innerText(), /Giải quyết kiến nghị/);
    assert.match(await bodyText(w), /Đã chấp nhận/);

    // 6. The ranking: the ward leads its cluster (the others of this scale have not scored).
    await o.getByRole('link', { name: 'Xem xếp hạng' }).click();
    await o.getByRole('heading', { name: `Xếp hạng: ${SCALE}`, level: 1 }).waitFor();
    const ranking = o.getByRole('table', { name: CLUSTER });
    const first = ranking.getByRole('row').filter({ hasText: WARD });
    const place = (await first.locator('td').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    assert.equal(place[0], '1', `rank: ${place}`);
    assert.ok(place.includes('36,5'), `total: ${place}`);
    assert.match(await first.innerText(), /Dẫn đầu/);
    await shot(o, 'scoring-09-xep-hang');
    // The ward's officer sees the same published ranking.
    await w.goto(`${scaleUrl}/ranking`);
    assert.match(await w.getByRole('table', { name: CLUSTER }).getByRole('row').filter({ hasText: WARD }).innerText(), /36,5/);

    for (const x of contexts) x.assertClean();
    for (const x of contexts) await x.close();
  });

  // Building a scale from nothing with the page's forms: an empty draft takes its first group (a draft
  // may have groups without criteria; opening it needs one), then a criterion in it.
  test('an empty draft takes its first group, then its first criterion', async () => {
    const office = await openPage(app.browser, app.server.url);
    office.allowStatus(422);
    const o = office.page;
    await login(o, 'thuongtruc');
    const year = Number(vnDate().slice(6));
    await o.goto('/scoring/new');
    await o.getByLabel('Tên thang điểm').fill(`Thang điểm soạn mới năm ${year}`);
    await o.getByLabel('Hạn đơn vị tự chấm').fill(vnDate(7));
    await o.getByLabel(`${CLUSTER} (${year})`, { exact: true }).check();
    await o.getByRole('button', { name: 'Tạo thang điểm' }).click();
    await o.getByText('Thang điểm chưa có tiêu chí.').waitFor();
    await o.getByLabel('Tên nhóm').fill(GROUP);
    await o.getByLabel('Điểm tối đa').fill('40');
    await o.getByRole('button', { name: 'Thêm nhóm' }).click();
    await o.waitForLoadState();
    const refusal = o.getByRole('alert');
    assert.equal(await refusal.count(), 0, `the group was refused: ${(await refusal.allInnerTexts()).join(' ').replace(/\s+/g, ' ')}`);
    await o.getByText('Đã thêm nhóm tiêu chí.').waitFor();
    await choose(o, 'Nhóm', GROUP);
    await o.getByLabel('Nội dung tiêu chí').fill(FIXED);
    await o.getByLabel('Điểm chuẩn').fill('20');
    await o.getByRole('button', { name: 'Thêm tiêu chí' }).click();
    await o.getByText('Đã thêm tiêu chí.').waitFor();
    office.assertClean();
    await office.close();
  });
});
