// The reorganisation transfer through the real pages: the city's administrator downloads the city's
// archive from «Chuyển giao dữ liệu»; the district's administrator uploads it, sees the successors the
// system proposes by name, confirms one of them and imports; the city's archive offered back to the
// city is refused. Screenshots of the proposal and of the result go to e2e/screenshots/.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { login, openPage, screenshot, withServerAndBrowser } from './helpers.mjs';

describe('chuyển giao dữ liệu khi sắp xếp đơn vị', () => {
  const app = withServerAndBrowser();

  test('an archive is downloaded, proposed, confirmed and imported; our own is refused', async () => {
    const city = await openPage(app.browser, app.server.url);
    await login(city.page, 'hn.admin');
    await city.page.goto('/data');
    await city.page.getByRole('link', { name: 'Chuyển giao dữ liệu' }).click();
    await city.page.getByRole('heading', { name: 'Xuất dữ liệu của tổ chức này' }).waitFor();
    const [download] = await Promise.all([
      city.page.waitForEvent('download'),
      city.page.getByRole('link', { name: 'Tải tệp dữ liệu chuyển giao' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^chuyen-giao-thanh-pho-ha-noi.*\.tar\.gz$/);
    // Kept outside the browser context, which removes its downloads when it closes.
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'thidua-transfer-')), download.suggestedFilename());
    await download.saveAs(file);
    assert.ok(readFileSync(file).length > 1000, 'the archive has content');

    // The city's own archive cannot come back into the city.
    city.allowStatus(422);
    await city.page.setInputFiles('input[name=file]', file);
    await city.page.getByRole('button', { name: 'Tải lên và xem đề xuất' }).click();
    await city.page.getByText('Đây là dữ liệu của chính tổ chức này').waitFor();
    city.assertClean();
    await city.close();

    const district = await openPage(app.browser, app.server.url);
    await login(district.page, 'admin');
    await district.page.goto('/data/transfer');
    await district.page.setInputFiles('input[name=file]', file);
    await district.page.getByRole('button', { name: 'Tải lên và xem đề xuất' }).click();
    await district.page.getByRole('heading', { name: 'Xác nhận đơn vị kế thừa' }).waitFor();
    // The city's Phường Bạch Mai (and the copy of the district's, which the city inherited) is proposed to be carried on by the district's ward of the same name.
    const select = district.page.getByLabel('Đơn vị kế thừa Phường Bạch Mai', { exact: true }).first();
    const chosen = await select.evaluate((s) => s.options[s.selectedIndex].text);
    assert.equal(chosen, 'Phường Bạch Mai');
    await screenshot(district.page, 'transfer-proposal');
    await district.page.getByRole('button', { name: 'Nhập dữ liệu' }).click();
    await district.page.getByText(/Đã nhập dữ liệu của Thành phố Hà Nội/).waitFor();
    await screenshot(district.page, 'transfer-done');
    district.assertClean();
    await district.close();
  });
});
