// Signing in and out as a person would: a wrong password is refused in Vietnamese, the right one opens
// the home page, "Đăng xuất" ends the session, and pages then ask to sign in again.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bodyText, login, openPage, screenshot, withServerAndBrowser } from './helpers.mjs';

describe('đăng nhập, đăng xuất', () => {
  const app = withServerAndBrowser();

  test('a page asks to sign in first', async () => {
    const p = await openPage(app.browser, app.server.url);
    await p.page.goto('/units');
    assert.match(new URL(p.page.url()).pathname, /^\/login/);
    await p.page.getByRole('heading', { name: 'Thi đua – Khen thưởng' }).waitFor();
    assert.equal(await p.page.getByLabel('Tên đăng nhập').count(), 1);
    await screenshot(p.page, '01-dang-nhap');
    p.assertClean();
    await p.close();
  });

  test('a wrong password is refused, the right one signs in, and logout signs out', async () => {
    const p = await openPage(app.browser, app.server.url);
    const { page } = p;
    p.allowStatus(400, 401);
    await page.goto('/login');
    await page.getByLabel('Tên đăng nhập').fill('admin');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.equal((await alert.innerText()).trim(), 'Tên đăng nhập hoặc mật khẩu không đúng.');
    // The user name stays filled in; the password does not.
    assert.equal(await page.getByLabel('Tên đăng nhập').inputValue(), 'admin');
    assert.equal(await page.getByLabel('Mật khẩu').inputValue(), '');
    await screenshot(page, '02-dang-nhap-sai');

    await page.getByLabel('Mật khẩu').fill('thidua-demo-2025');
    await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
    await page.getByRole('heading', { name: 'Xin chào, Quản trị hệ thống' }).waitFor();
    const text = await bodyText(page);
    assert.match(text, /đơn vị đang hoạt động/);
    assert.match(text, /cá nhân/);
    for (const item of ['Trang chủ', 'Đơn vị', 'Cá nhân', 'Cụm, khối', 'Nhập, xuất', 'Nhật ký', 'Người dùng']) {
      assert.equal(await page.getByRole('navigation').getByRole('link', { name: item, exact: true }).count(), 1, `menu item ${item}`);
    }

    await Promise.all([page.waitForURL((u) => u.pathname === '/login'), page.getByRole('button', { name: 'Đăng xuất' }).click()]);
    await page.getByLabel('Mật khẩu').waitFor();
    // The old session no longer opens pages.
    await page.goto('/people');
    assert.match(new URL(page.url()).pathname, /^\/login/);
    p.assertClean();
    await p.close();
  });

  test('signing in from a deep link returns to that page', async () => {
    const p = await openPage(app.browser, app.server.url);
    const { page } = p;
    await page.goto('/clusters');
    await page.getByLabel('Tên đăng nhập').fill('xem');
    await page.getByLabel('Mật khẩu').fill('thidua-demo-2025');
    await Promise.all([page.waitForURL((u) => u.pathname === '/clusters'), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
    await page.getByRole('heading', { level: 1 }).waitFor();
    // A viewer sees no audit log nor user management in the menu.
    assert.equal(await page.getByRole('navigation').getByRole('link', { name: 'Nhật ký' }).count(), 0);
    assert.equal(await page.getByRole('navigation').getByRole('link', { name: 'Người dùng' }).count(), 0);
    p.assertClean();
    await p.close();
  });
});
