// Importing people from a CSV on "Nhập, xuất dữ liệu": a file with mistakes is refused whole, with a table
// of row, column and message; nothing is saved. The corrected file then imports every row.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bodyText, login, openPage, screenshot, withServerAndBrowser } from './helpers.mjs';

const HEADER = 'Họ và tên,Giới tính,Ngày sinh,Chức vụ,Đối tượng,Lao động trực tiếp,Mã đơn vị';

const BAD = [
  HEADER,
  'Lưu Thị Nhập Khẩu,Nữ,12/05/1985,Chuyên viên,Công chức,không,P-BACHDANG',
  'Vương Văn Sai,X,31/13/1990,Công chức Tư pháp - Hộ tịch,Công chức,không,P-BACHDANG',
  'Tạ Đình Lạc,Nam,01/01/1970,Chuyên viên,Công chức,không,P-KHONGCO',
].join('\r\n');

const GOOD = [
  HEADER,
  'Lưu Thị Nhập Khẩu,Nữ,12/05/1985,Chuyên viên,Công chức,không,P-BACHDANG',
  'Vương Văn Đúng,Nam,30/12/1990,Công chức Tư pháp - Hộ tịch,cong chuc,có,p-bachdang',
  'Tạ Đình Lạc,Nam,01/01/1970,Chuyên viên,Viên chức,không,P-VHTT',
].join('\r\n');

/** The "N cá nhân" count of the people list. */
async function peopleTotal(page) {
  await page.goto('/people');
  const m = (await page.locator('#people-table .muted').first().innerText()).match(/^(\d+) cá nhân/);
  assert.ok(m, 'people count shown');
  return Number(m[1]);
}

async function upload(page, name, text) {
  const section = page.locator('section.two > div').filter({ has: page.getByRole('heading', { name: 'Nhập danh sách cá nhân' }) });
  await section.getByLabel('Tệp cá nhân').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
  await section.getByRole('button', { name: 'Nhập cá nhân' }).click();
}

describe('nhập danh sách cá nhân từ tệp CSV', () => {
  const app = withServerAndBrowser();

  test('a file with errors shows a row/column table and saves nothing; the corrected file imports', async () => {
    const p = await openPage(app.browser, app.server.url);
    const { page } = p;
    p.allowStatus(422);
    await login(page, 'admin');
    const before = await peopleTotal(page);

    await page.getByRole('navigation').getByRole('link', { name: 'Nhập, xuất' }).click();
    await page.getByRole('heading', { name: 'Nhập, xuất dữ liệu', level: 1 }).waitFor();
    await screenshot(page, '20-nhap-xuat');

    await upload(page, 'ca-nhan-loi.csv', BAD);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Tệp ca-nhan-loi\.csv có \d+ lỗi nên chưa nhập dòng nào\. Hãy sửa tệp rồi tải lên lại\./);
    const rows = await alert.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())));
    const find = (row, col) => rows.find((r) => r[0] === String(row) && r[1].startsWith(col));
    assert.ok(find(3, 'B'), `row 3, column B (Giới tính) in ${JSON.stringify(rows)}`);
    assert.match(find(3, 'B')[1], /^B \(Giới tính\)$/);
    assert.ok(find(3, 'C'), `row 3, column C (Ngày sinh) in ${JSON.stringify(rows)}`);
    assert.match(find(3, 'C')[2], /31\/13\/1990/);
    assert.ok(find(4, 'G'), `row 4, column G (Mã đơn vị) in ${JSON.stringify(rows)}`);
    assert.equal(find(4, 'G')[2], 'Không có đơn vị mã P-KHONGCO.');
    assert.ok(!rows.some((r) => r[0] === '2'), 'the good row has no error');
    await screenshot(page, '21-nhap-loi');
    assert.equal(await peopleTotal(page), before, 'nothing was imported');
    await page.goto('/people?q=luu+thi+nhap+khau');
    assert.match(await bodyText(page), /Không có cá nhân nào khớp với từ khóa\./);

    await page.goto('/data');
    await upload(page, 'ca-nhan.csv', GOOD);
    const ok = page.getByRole('status');
    await ok.waitFor();
    assert.equal((await ok.innerText()).trim(), 'Đã nhập 3 dòng từ tệp ca-nhan.csv.');
    await screenshot(page, '22-nhap-thanh-cong');
    assert.equal(await peopleTotal(page), before + 3);

    // What was imported reads back as typed, with Vietnamese labels for the codes.
    await page.goto('/people?q=vuong+van+dung');
    const row = page.locator('#people-table tbody tr').filter({ hasText: 'Vương Văn Đúng' });
    assert.equal(await row.count(), 1);
    const cells = (await row.locator('td').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(cells, ['Vương Văn Đúng LĐ trực tiếp', 'Nam', '30/12/1990', 'Công chức Tư pháp - Hộ tịch', 'Công chức', 'Phường Bạch Đằng']);
    p.assertClean();
    await p.close();
  });

  test('a file that is not a spreadsheet is refused with a message', async () => {
    const p = await openPage(app.browser, app.server.url);
    const { page } = p;
    p.allowStatus(400, 422);
    await login(page, 'admin');
    await page.goto('/data');
    await upload(page, 'anh.png', '\u0089PNG\r\n\u001a\nnot a table');
    const alert = page.getByRole('alert').first();
    await alert.waitFor();
    assert.match(await alert.innerText(), /XLSX|CSV|tiêu đề/);
    p.assertClean();
    await p.close();
  });
});
