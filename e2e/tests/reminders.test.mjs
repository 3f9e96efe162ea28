// Reminders through the real pages, on the demo started by the README's command (no SMTP server
// configured): the officer of Phường Bạch Đằng gives an e-mail address on the account page (a bad one
// is refused); the scheduler inside `thidua serve` has told the units that still owe last month's
// reports, and the administrator's outbox lists those reminders as sent.
// Screenshots go to e2e/screenshots/reminders-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bodyText, login, openPage, screenshot, withServerAndBrowser } from './helpers.mjs';

/** Waits until `probe()` is true (the worker polls every few seconds). */
async function eventually(probe, what, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  assert.fail(`timed out waiting for ${what}`);
}

describe('nhắc hạn và hộp thư đi', () => {
  const app = withServerAndBrowser();

  test('units that owe a deadline are reminded; the outbox lists the reminders', async () => {
    const officer = await openPage(app.browser, app.server.url);
    officer.allowStatus(422);
    const page = officer.page;
    await login(page, 'canbo.bachdang');
    await page.goto('/account');
    await page.getByLabel('Thư điện tử').fill('canbo bachdang');
    await page.getByRole('button', { name: 'Lưu' }).first().click();
    await page.getByRole('alert').waitFor();
    assert.match(await bodyText(page), /Địa chỉ thư điện tử «canbo bachdang» không hợp lệ/);
    await page.getByLabel('Thư điện tử').fill('canbo.bachdang@hbt.example.vn');
    await page.getByRole('button', { name: 'Lưu' }).first().click();
    await page.getByText('Đã lưu địa chỉ và cách nhận thư.').waitFor();
    await screenshot(page, 'reminders-account');

    const admin = await openPage(app.browser, app.server.url);
    await login(admin.page, 'admin');
    await admin.page.goto('/users');
    await admin.page.getByRole('link', { name: 'Hộp thư đi' }).click();
    await admin.page.getByRole('heading', { name: 'Hộp thư đi', level: 1 }).waitFor();
    // The scheduler ran at start-up and the worker polls every few seconds: the demo's units that
    // still owe last month's reports have been told.
    await eventually(async () => {
      await admin.page.reload();
      const sent = admin.page.locator('table.list tbody tr').filter({ has: admin.page.locator('.badge.o-done') });
      return (await sent.count()) > 0 && /Quá hạn: .+ chưa gửi «/.test(await sent.first().innerText());
    }, 'a reminder listed as sent in the outbox');
    await screenshot(admin.page, 'reminders-outbox');
    await officer.close();
    await admin.close();
  });
});
