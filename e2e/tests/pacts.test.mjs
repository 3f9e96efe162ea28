// A cluster's pact measured at its review (sơ kết giao ước), through the real pages: the standing
// office opens this year's plan of the demo, sees the pact of Cụm thi đua số 1 (các phường) with its
// clause on the plan's target (the amendment form shows the level every member committed to), opens
// the review, where each ward's latest figure stands against the clause (Đạt / Chưa đạt / Chưa báo
// cáo); a ward left unassessed is refused at its row, then the review is recorded and shown as
// recorded; the review the demo recorded earlier in the year is one click away.
// Screenshots go to e2e/screenshots/pact-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bodyText, login, openPage, screenshot, withServerAndBrowser } from './helpers.mjs';

const CLUSTER = 'Cụm thi đua số 1 (các phường)';
const PLAN = 'Phát động phong trào thi đua yêu nước thực hiện thắng lợi các mục tiêu, nhiệm vụ phát triển kinh tế - xã hội năm';

describe('sơ kết giao ước thi đua', () => {
  const app = withServerAndBrowser();

  test('a pact clause on a plan target is measured per member and the review recorded', async () => {
    const year = new Date().getFullYear();
    const office = await openPage(app.browser, app.server.url);
    office.allowStatus(422);
    const page = office.page;
    await login(page, 'thuongtruc');
    await page.goto(`/campaigns?q=${encodeURIComponent(`${PLAN} ${year}`)}`);
    await page.getByRole('link', { name: `${PLAN} ${year}` }).first().click();
    await page.getByRole('link', { name: 'Đăng ký, giao ước' }).click();
    const section = page.locator('section.cluster').filter({ hasText: CLUSTER });
    assert.match(await section.innerText(), /Đã ký ngày/);

    // The pact's form: the plan's per-unit targets with the level committed to.
    await section.getByRole('link', { name: 'Sửa giao ước' }).click();
    const committed = page.getByRole('group', { name: /Chỉ tiêu của kế hoạch/ });
    const levels = await committed.locator('input.num').evaluateAll((els) => els.map((e) => e.value).filter((v) => v !== ''));
    assert.ok(levels.length >= 1, 'the pact commits its members to at least one target of the plan');
    await screenshot(page, 'pact-form');
    await page.goBack();

    // The review as it stands today.
    await section.getByRole('link', { name: 'Sơ kết giao ước' }).click();
    await page.getByRole('heading', { name: `Sơ kết giao ước thi đua — ${CLUSTER} (${year})`, level: 1 }).waitFor();
    let text = await bodyText(page);
    assert.match(text, /Chưa ghi kết quả sơ kết ngày/);
    assert.match(text, /Giao ước: (≥|=|>|≤)/);
    const badges = await page.locator('table.list td .badge').allInnerTexts();
    assert.ok(badges.length > 0 && badges.every((b) => ['Đạt', 'Chưa đạt', 'Chưa báo cáo'].includes(b)), `standings: ${badges}`);
    await screenshot(page, 'pact-review-live');

    // One ward left unassessed: refused at its row, nothing recorded.
    const selects = page.locator('select[name^="assessment_"]');
    const first = selects.first();
    const ward = (await first.getAttribute('aria-label')).replace('Đánh giá: ', '');
    await first.selectOption('');
    await page.getByLabel('Nhận xét chung').fill('Sơ kết 11 tháng: các phường thực hiện giao ước nghiêm túc.');
    await page.getByRole('button', { name: /Ghi kết quả sơ kết ngày/ }).click();
    await page.getByRole('alert').waitFor();
    assert.match(await bodyText(page), new RegExp(`Hãy chọn mức thực hiện giao ước của ${ward}\\.`));
    await screenshot(page, 'pact-review-error');

    // Assessed and recorded.
    await page.locator('select[name^="assessment_"]').first().selectOption('partly');
    await page.getByRole('button', { name: /Ghi kết quả sơ kết ngày/ }).click();
    await page.getByText('Đã ghi kết quả sơ kết giao ước.').waitFor();
    text = await bodyText(page);
    assert.match(text, /Đã ghi kết quả sơ kết ngày/);
    assert.match(await page.getByLabel('Nhận xét chung').inputValue(), /Sơ kết 11 tháng/);
    await screenshot(page, 'pact-review-recorded');

    // The demo's earlier review, kept as it stood.
    const earlier = page.locator('form.filters a');
    assert.ok((await earlier.count()) >= 2, 'the demo review and today\'s are listed');
    await earlier.last().click();
    await page.getByText(/Đã ghi kết quả sơ kết ngày/).waitFor();
    assert.match(await bodyText(page), /Người ghi:/);
    await office.close();
  });
});
