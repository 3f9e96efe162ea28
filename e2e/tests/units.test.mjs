// Creating a unit through the form: a refused submit shows each message next to its field and keeps what
// was typed; a corrected submit saves, shows the unit page with a confirmation, and the unit is listed.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bodyText, login, openPage, screenshot, withServerAndBrowser } from './helpers.mjs';

/** The value of the option whose visible text (indentation trimmed) is `label`. */
async function optionValue(select, label) {
  const value = await select.evaluate((el, wanted) => {
    const o = [...el.options].find((x) => x.textContent.trim() === wanted);
    return o ? o.value : null;
  }, label);
  assert.ok(value !== null, `option “${label}” not found`);
  return value;
}

/** The `.field` block that holds the control labelled `label`. */
function field(page, label) {
  return page.locator('.field').filter({ has: page.getByLabel(label, { exact: true }) });
}

describe('thêm đơn vị', () => {
  const app = withServerAndBrowser();

  test('a refused form shows messages at the fields, then the unit is created', async () => {
    const p = await openPage(app.browser, app.server.url);
    const { page } = p;
    p.allowStatus(422);
    await login(page, 'admin');
    await page.getByRole('navigation').getByRole('link', { name: 'Đơn vị', exact: true }).click();
    await page.getByRole('heading', { name: 'Đơn vị', level: 1 }).waitFor();
    await screenshot(page, '10-don-vi');
    await page.getByRole('link', { name: '+ Thêm đơn vị' }).click();
    await page.getByRole('heading', { name: 'Thêm đơn vị', level: 1 }).waitFor();
    await screenshot(page, '11-them-don-vi');

    // First try: a code with spaces and a "!", no name, no kind, an impossible date.
    await page.getByLabel('Mã đơn vị', { exact: false }).first().fill('TDP 4 BD!');
    await page.getByLabel('Ngày bắt đầu hiệu lực').fill('31/02/2025');
    await page.getByRole('button', { name: 'Lưu' }).click();
    const summary = page.getByRole('alert');
    await summary.waitFor();
    assert.match(await summary.innerText(), /Chưa lưu được: hãy sửa 4 lỗi dưới đây\./);

    const codeField = field(page, 'Mã đơn vị *');
    assert.match(await codeField.locator('.error').innerText(), /Mã đơn vị chỉ gồm chữ cái không dấu, chữ số và các dấu \. _ -/);
    assert.equal(await codeField.locator('input').getAttribute('aria-invalid'), 'true');
    assert.equal(await codeField.locator('input').inputValue(), 'TDP 4 BD!', 'what was typed stays in the field');
    assert.equal((await field(page, 'Tên đơn vị *').locator('.error').innerText()).trim(), 'Tên đơn vị không được để trống.');
    assert.equal((await field(page, 'Loại đơn vị *').locator('.error').innerText()).trim(), 'Hãy chọn loại đơn vị trong danh sách.');
    assert.match(await field(page, 'Ngày bắt đầu hiệu lực').locator('.error').innerText(), /không phải là ngày hợp lệ/);
    // Fields without a problem show no message.
    assert.equal(await field(page, 'Tên viết tắt').locator('.error').count(), 0);
    await screenshot(page, '12-them-don-vi-loi');

    // Second try: everything right, under Phường Bạch Đằng.
    await codeField.locator('input').fill('P-BACHDANG-TDP4');
    await page.getByLabel('Tên đơn vị *').fill('Tổ dân phố số 4, Phường Bạch Đằng');
    await page.getByLabel('Tên viết tắt').fill('TDP4 Bạch Đằng');
    const kind = page.getByLabel('Loại đơn vị *');
    await kind.selectOption(await optionValue(kind, 'Khu phố, tổ dân phố'));
    const level = page.getByLabel('Cấp *');
    await level.selectOption(await optionValue(level, 'Cơ sở'));
    const parent = page.getByLabel('Đơn vị cấp trên');
    await parent.selectOption(await optionValue(parent, 'Phường Bạch Đằng'));
    await page.getByLabel('Ngày bắt đầu hiệu lực').fill('01/07/2025');
    await Promise.all([page.waitForURL(/\/units\/[0-9a-f-]+\?ok=/), page.getByRole('button', { name: 'Lưu' }).click()]);

    await page.getByRole('heading', { name: 'Tổ dân phố số 4, Phường Bạch Đằng', level: 1 }).waitFor();
    assert.equal((await page.getByRole('status').innerText()).trim(), 'Đã thêm đơn vị Tổ dân phố số 4, Phường Bạch Đằng.');
    const text = await bodyText(page);
    assert.match(text, /Mã đơn vị P-BACHDANG-TDP4/);
    assert.match(text, /Tên viết tắt TDP4 Bạch Đằng/);
    assert.match(text, /Loại Khu phố, tổ dân phố/);
    assert.match(text, /Cấp Cơ sở/);
    assert.match(text, /từ 01\/07\/2025/);
    // The breadcrumb leads back up the tree.
    assert.equal(await page.locator('.crumbs').getByRole('link', { name: 'Phường Bạch Đằng' }).count(), 1);
    await screenshot(page, '13-don-vi-moi');

    // The ward lists it among its units, and the list search finds it without diacritics.
    await page.locator('.crumbs').getByRole('link', { name: 'Phường Bạch Đằng' }).click();
    await page.getByRole('link', { name: 'Tổ dân phố số 4, Phường Bạch Đằng' }).waitFor();
    await page.goto('/units?q=to+dan+pho+so+4');
    assert.match(await bodyText(page), /1 đơn vị/);

    // The same code twice is refused at the code field.
    await page.goto('/units/new');
    await page.getByLabel('Mã đơn vị *').fill('p-bachdang-tdp4');
    await page.getByLabel('Tên đơn vị *').fill('Tổ dân phố trùng mã');
    await kind.selectOption(await optionValue(kind, 'Khu phố, tổ dân phố'));
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('alert').waitFor();
    assert.match(await field(page, 'Mã đơn vị *').locator('.error').innerText(), /P-BACHDANG-TDP4/);
    p.assertClean();
    await p.close();
  });
});
