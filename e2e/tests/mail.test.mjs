// Mail through the real pages, on the demo started by the README's command: a user who forgot the
// password asks for a link from the login page (the same answer whether the account exists or not);
// the administrator opens the mail settings, is told which line of a template is wrong, previews an
// edited template with example values, and saves it; a unit officer chooses the daily digest.
// Screenshots go to e2e/screenshots/mail-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bodyText, login, openPage, screenshot, withServerAndBrowser } from './helpers.mjs';

describe('thư điện tử', () => {
  const app = withServerAndBrowser();

  test('a forgotten password: the link is asked for from the login page', async () => {
    const anon = await openPage(app.browser, app.server.url, { viewport: { width: 390, height: 800 } });
    const page = anon.page;
    await page.goto('/login');
    await page.getByRole('link', { name: 'Quên mật khẩu?' }).click();
    await page.getByRole('heading', { name: 'Quên mật khẩu' }).waitFor();
    await page.getByLabel('Tên đăng nhập hoặc thư điện tử').fill('canbo.bachdang');
    await page.getByRole('button', { name: 'Gửi liên kết đặt lại mật khẩu' }).click();
    await page.locator('#reset-sent').waitFor();
    assert.match(await bodyText(page), /Nếu «canbo\.bachdang» là tài khoản đang dùng và có địa chỉ thư điện tử/);
    await screenshot(page, 'mail-forgot-sent');
    await page.goto('/password/reset/khong-phai-lien-ket');
    assert.match(await bodyText(page), /không đúng, đã được dùng hoặc đã hết hạn/);
    await anon.close();
  });

  test('the administrator edits a mail template with a preview', async () => {
    const admin = await openPage(app.browser, app.server.url);
    admin.allowStatus(422);
    const page = admin.page;
    await login(page, 'admin');
    await page.goto('/users');
    await page.getByRole('link', { name: 'Thư điện tử' }).click();
    await page.getByRole('heading', { name: 'Thiết lập thư điện tử' }).waitFor();
    await screenshot(page, 'mail-settings');
    await page.getByRole('row', { name: /Nhắc hạn gửi báo cáo, hồ sơ/ }).getByRole('link', { name: 'Xem, sửa' }).click();
    await page.getByRole('heading', { name: /Mẫu thư: Nhắc hạn/ }).waitFor();
    await page.getByLabel('Tiêu đề').fill('Nhắc {{ donvi }} gửi «{{ what }}»');
    await page.getByRole('button', { name: 'Xem trước' }).click();
    await page.getByRole('alert').waitFor();
    assert.match(await bodyText(page), /dùng biến không có trong danh sách biến/);
    await page.getByLabel('Tiêu đề').fill('Nhắc {{ unit }} gửi «{{ what }}» trước {{ due }}');
    await page.getByRole('button', { name: 'Xem trước' }).click();
    await page.locator('#mail-preview').waitFor();
    assert.match(await page.locator('#mail-preview').innerText(), /Nhắc Phường Bạch Đằng gửi «Báo cáo sơ kết 6 tháng» trước 15\/06\/2026/);
    await screenshot(page, 'mail-template-preview');
    await page.getByRole('button', { name: 'Lưu mẫu thư' }).click();
    await page.getByText('Đã lưu mẫu thư.').waitFor();
    await admin.close();
  });

  test('a unit officer takes a daily digest and changes the password form errors', async () => {
    const officer = await openPage(app.browser, app.server.url);
    officer.allowStatus(422);
    const page = officer.page;
    await login(page, 'canbo.bachdang');
    await page.goto('/account');
    await page.getByLabel('Nhận thư').selectOption('digest');
    await page.getByRole('button', { name: 'Lưu' }).first().click();
    await page.getByText('Đã lưu địa chỉ và cách nhận thư.').waitFor();
    assert.equal(await page.getByLabel('Nhận thư').inputValue(), 'digest');
    await page.getByLabel('Mật khẩu hiện tại').fill('khong-dung-mat-khau');
    await page.getByLabel('Mật khẩu mới (ít nhất 10 ký tự)').fill('mat-khau-moi-dai');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-moi-dai');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByRole('alert').waitFor();
    assert.match(await bodyText(page), /Mật khẩu hiện tại không đúng/);
    await screenshot(page, 'mail-account');
    await officer.close();
  });
});
