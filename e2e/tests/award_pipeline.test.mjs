// The award pipeline of the demo's city organisation (Hà Nội after the 2025 reform), through the pages
// only, by the user of each role in their own browser context — the same path as the API test
// crates/thidua/tests/app/award_path.rs: the ward officer nominates three residential groups under the
// live peak campaign with their dossiers (the third is refused by the ward's quota and stays a draft),
// the theme's lead department forwards the first, the standing office accepts both in bulk, schedules
// and opens a council meeting; a member declares a conflict, the members vote (a second ballot is
// refused), the office closes the meeting and reads the minutes; the chairman decides today (golden-book
// numbers, reward money) and prints a certificate; an anonymous visitor finds the award on the honour
// roll without typing diacritics and verifies the certificate's code.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bodyText, login, openPage, screenshot, withServerAndBrowser } from './helpers.mjs';

const CAMPAIGN = 'Tăng tốc, bứt phá, về đích';
const THEME = 'Xây dựng đời sống văn hóa, nếp sống văn minh đô thị ở tổ dân phố, thôn';
const WARD = 'Phường Hai Bà Trưng';
const group = (n) => `Tổ dân phố số ${n}, phường Hai Bà Trưng`;
const QUOTA = 'Mỗi phường, xã: tối đa 02 tập thể';

/** Picks the option of the select labelled `selectLabel` whose text (trimmed) is `wanted`, or contains it when `{ part: true }`. */
async function choose(page, selectLabel, wanted, { part = false } = {}) {
  const select = page.getByLabel(selectLabel, { exact: true });
  const values = await select.evaluate(
    (el, [w, p]) => [...el.options].filter((o) => (p ? o.textContent.includes(w) : o.textContent.trim() === w)).map((o) => o.value),
    [wanted, part],
  );
  assert.equal(values.length, 1, `exactly one option “${wanted}” expected in “${selectLabel}”, found ${values.length}`);
  await select.selectOption(values[0]);
}

/** The agenda section of a meeting page that is about `nominee`. */
const agendaItem = (page, nominee) => page.locator('section.cluster').filter({ has: page.getByRole('heading', { name: nominee }) });

/** Today as dd/mm/yyyy in Vietnam. */
function todayVn() {
  const d = new Date(Date.now() + 7 * 3600_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

describe('đề nghị khen thưởng đến quyết định (Hà Nội)', () => {
  const app = withServerAndBrowser();

  test('nominate, forward, appraise, meet and vote, decide, publish and verify', async () => {
    const contexts = [];
    const as = async (username, ...allowed) => {
      const c = await openPage(app.browser, app.server.url);
      c.allowStatus(...allowed);
      contexts.push(c);
      await login(c.page, username);
      return c;
    };
    const year = Number(todayVn().slice(6));
    const dir = mkdtempSync(path.join(tmpdir(), 'thidua-e2e-dossier-'));
    const pdf = (name) => {
      const p = path.join(dir, name);
      writeFileSync(p, `%PDF-1.4\n% ${name}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
      return p;
    };
    const files = { to_trinh: pdf('to-trinh.pdf'), bao_cao: pdf('bao-cao-thanh-tich.pdf'), bien_ban: pdf('bien-ban-hop-xet.pdf') };

    // 1. The ward officer: three nominations of residential groups with their dossiers.
    const ward = await as('hn.canbo.haibatrung', 422);
    const w = ward.page;
    const nominate = async (n, theme) => {
      await w.getByRole('navigation').getByRole('link', { name: 'Đề nghị khen thưởng' }).click();
      await w.getByRole('link', { name: '+ Lập hồ sơ đề nghị' }).click();
      await w.getByRole('heading', { name: 'Lập hồ sơ đề nghị khen thưởng', level: 1 }).waitFor();
      await choose(w, 'Đơn vị đề nghị *', WARD);
      await w.getByLabel('Tập thể', { exact: true }).check();
      await choose(w, 'Tập thể (khi đề nghị tập thể)', group(n));
      await choose(w, 'Danh hiệu, hình thức khen thưởng *', 'Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố', { part: true });
      await choose(w, 'Loại hình khen thưởng *', 'Khen thưởng theo đợt, chuyên đề');
      await choose(w, 'Kế hoạch, phong trào', CAMPAIGN, { part: true });
      if (theme) await choose(w, 'Chuyên đề', theme);
      await w.getByLabel('Tóm tắt thành tích *').fill(`Tổ dân phố số ${n}: 100 % hộ gia đình thực hiện nếp sống văn minh đô thị`);
      await w.getByLabel('Căn cứ thành tích (số quyết định, sáng kiến…)').fill(`TDP${n}-${year}`);
      if (n === 1) await screenshot(w, '60-lap-ho-so-de-nghi');
      await w.getByRole('button', { name: 'Lưu hồ sơ' }).click();
      await w.getByText('Đã tạo hồ sơ đề nghị; hãy bổ sung tài liệu rồi gửi.').waitFor();
      const url = new URL(w.url()).pathname;
      assert.match(await bodyText(w), /Đang soạn/);
      // The dossier: the proposal, the achievement report, the minutes with the vote counts.
      for (const [doc, file, votes] of [
        ['Tờ trình đề nghị khen thưởng', files.to_trinh],
        ['Báo cáo thành tích', files.bao_cao],
        ['Biên bản họp xét của Hội đồng Thi đua – Khen thưởng', files.bien_ban, ['9', '11']],
      ]) {
        await choose(w, 'Loại tài liệu', doc);
        if (votes) {
          await w.getByLabel('Số phiếu đồng ý', { exact: true }).fill(votes[0]);
          await w.getByLabel('trên tổng số thành viên Hội đồng', { exact: true }).fill(votes[1]);
        }
        await w.getByLabel('Tệp', { exact: true }).setInputFiles(file);
        await w.getByRole('button', { name: 'Thêm tài liệu' }).click();
        await w.getByText('Đã thêm tài liệu vào hồ sơ.').waitFor();
      }
      const page = await bodyText(w);
      assert.doesNotMatch(page, /Còn thiếu/, 'the whole dossier is there');
      assert.match(page, /bien-ban-hop-xet\.pdf — 9\/11 phiếu đồng ý/);
      return url;
    };
    const nomA = await nominate(1, THEME);
    const nomB = await nominate(2);
    const nomC = await nominate(3);

    await w.goto(nomA);
    await screenshot(w, '61-ho-so-du-tai-lieu');
    await w.getByRole('button', { name: 'Gửi hồ sơ' }).click();
    await w.getByText('Đã gửi hồ sơ đề nghị.').waitFor();
    assert.match(await bodyText(w), /Chờ đơn vị chủ trì chuyên đề tổng hợp/);
    await w.goto(nomB);
    await w.getByRole('button', { name: 'Gửi hồ sơ' }).click();
    await w.getByText('Đã gửi hồ sơ đề nghị.').waitFor();
    assert.match(await bodyText(w), /Chờ thẩm định/);

    // The third collective is over the ward's quota: refused, the reason names the two already sent.
    await w.goto(nomC);
    await w.getByRole('button', { name: 'Gửi hồ sơ' }).click();
    const refusal = w.getByRole('alert');
    await refusal.waitFor();
    const why = (await refusal.innerText()).replace(/\s+/g, ' ');
    assert.ok(why.startsWith('Chưa gửi được hồ sơ; hồ sơ vẫn ở trạng thái «Đang soạn».'), `refusal heading: ${why}`);
    assert.ok(why.includes(QUOTA), `quota message: ${why}`);
    assert.ok(why.includes(group(1)) && why.includes(group(2)), `the two sent are named: ${why}`);
    assert.match(await w.locator('.head .badge').innerText(), /Đang soạn/, 'it stays a draft');
    await screenshot(w, '62-vuot-so-luong-toi-da');
    await w.reload();
    assert.match(await w.locator('.head .badge').innerText(), /Đang soạn/);

    // 2. The theme's lead department sees it in its notifications and forwards it.
    const lead = await as('hn.canbo.vhtt');
    const l = lead.page;
    await l.getByRole('navigation').getByRole('link', { name: 'Thông báo' }).click();
    // An unread notification opens through a button that also marks it read.
    const note = l.getByRole('button', { name: new RegExp(`${group(1)}.*chờ đơn vị chủ trì chuyên đề tổng hợp`) });
    await note.waitFor();
    await screenshot(l, '63-thong-bao-don-vi-chu-tri');
    await note.click();
    await l.getByRole('button', { name: 'Chuyển Thường trực Hội đồng' }).click();
    await l.getByText('Đã chuyển hồ sơ đến Thường trực Hội đồng.').waitFor();
    assert.match(await l.locator('.head .badge').innerText(), /Chờ thẩm định/);

    // 3. The standing office accepts both from the list, schedules the council meeting and opens it.
    const office = await as('hn.thuongtruc');
    const o = office.page;
    await o.getByRole('navigation').getByRole('link', { name: 'Đề nghị khen thưởng' }).click();
    await o.getByRole('link', { name: 'Chưa thẩm định' }).click();
    for (const n of [1, 2]) await o.getByRole('checkbox', { name: `Chọn hồ sơ ${group(n)}` }).check();
    assert.equal(await o.getByRole('checkbox', { name: `Chọn hồ sơ ${group(3)}` }).count(), 0, 'the draft is not offered');
    await screenshot(o, '64-tham-dinh-hang-loat');
    await o.getByRole('button', { name: 'Chấp nhận các hồ sơ đã chọn' }).click();
    await o.getByText('Đã chấp nhận 2 hồ sơ.').waitFor();
    await o.goto(nomA);
    assert.match(await o.locator('.head .badge').innerText(), /Đã thẩm định, chờ Hội đồng xét/);

    await o.getByRole('navigation').getByRole('link', { name: 'Phiên họp Hội đồng' }).click();
    await o.getByRole('link', { name: '+ Lên lịch phiên họp' }).click();
    await o.getByLabel('Tên phiên họp *').fill('Phiên họp Hội đồng Thi đua - Khen thưởng Thành phố xét khen thưởng Đợt thi đua cao điểm');
    assert.equal(await o.getByLabel('Ngày họp *').inputValue(), todayVn());
    await o.getByLabel('Địa điểm').fill('Trụ sở UBND Thành phố');
    await o.getByLabel('Tổng số thành viên Hội đồng *').fill('3');
    await o.getByLabel('Chủ trì').fill('Nguyễn Đức Long');
    await o.getByLabel('Thư ký').fill('Vũ Thị Minh Thư');
    for (const name of ['Trần Văn Khải', 'Phạm Thị Lan Anh', 'Nguyễn Đức Long']) await o.getByLabel(name).check();
    await o.getByRole('button', { name: 'Lên lịch' }).click();
    await o.getByText('Đã lên lịch phiên họp; hãy thêm hồ sơ vào chương trình họp.').waitFor();
    const meeting = new URL(o.url()).pathname;
    for (const n of [1, 2]) await o.getByRole('checkbox', { name: group(n) }).check();
    await o.getByRole('button', { name: 'Đưa vào chương trình họp' }).click();
    await o.getByText('Đã đưa 2 hồ sơ vào chương trình họp.').waitFor();
    await screenshot(o, '65-phien-hop-chuong-trinh');
    await o.getByRole('button', { name: 'Mở bỏ phiếu' }).click();
    await o.getByText('Đã mở bỏ phiếu; các thành viên đã được thông báo.').waitFor();
    assert.match(await bodyText(o), /Đang bỏ phiếu/);

    // 4. The members, each in their own browser: a conflict declared, votes, a second ballot refused.
    const m1 = await as('hn.hoidong', 422);
    const m2 = await as('hn.hoidong2');
    const chair = await as('hn.chutich');
    // The first member votes in a second tab and keeps the first one open from before voting.
    const stale = m1.page;
    await stale.goto(meeting);
    const m1tab = await m1.context.newPage();
    await m1tab.goto(meeting);

    await m2.page.goto(meeting);
    const conflictOn = agendaItem(m2.page, group(2));
    await conflictOn.getByLabel('Lý do xung đột lợi ích').fill('Thành viên là cư dân Tổ dân phố số 2');
    await conflictOn.getByRole('button', { name: 'Khai báo xung đột lợi ích' }).click();
    await m2.page.getByText('Đã ghi nhận khai báo xung đột lợi ích').waitFor();
    assert.match(await agendaItem(m2.page, group(2)).innerText(), /không biểu quyết hồ sơ này/);

    const vote = async (page, n) => {
      const item = agendaItem(page, group(n));
      await item.getByLabel('Đồng ý', { exact: true }).check();
      await item.getByRole('button', { name: 'Gửi biểu quyết' }).click();
      await page.getByText('Đã ghi nhận biểu quyết.').waitFor();
      assert.match(await agendaItem(page, group(n)).innerText(), /Đồng chí đã biểu quyết hồ sơ này/);
    };
    await vote(m1tab, 1);
    await vote(m1tab, 2);
    await m1tab.close();
    await vote(m2.page, 1);
    assert.equal(await agendaItem(m2.page, group(2)).getByRole('button', { name: 'Gửi biểu quyết' }).count(), 0, 'no ballot on a conflicted item');
    await chair.page.goto(meeting);
    await vote(chair.page, 1);
    await vote(chair.page, 2);
    assert.match(await bodyText(chair.page), /Trần Văn Khải — Có mặt/);
    await screenshot(chair.page, '66-bieu-quyet');

    // The stale tab still shows the ballot; sending it again is refused, the reason shown at the item.
    const again = agendaItem(stale, group(1));
    await again.getByLabel('Không đồng ý', { exact: true }).check();
    await again.getByRole('button', { name: 'Gửi biểu quyết' }).click();
    const refused = agendaItem(stale, group(1)).getByRole('alert');
    await refused.waitFor();
    assert.equal(
      (await refused.innerText()).trim(),
      'Đồng chí đã biểu quyết hồ sơ của Tổ dân phố số 1, phường Hai Bà Trưng; mỗi thành viên chỉ biểu quyết một lần.',
    );
    assert.match(await agendaItem(stale, group(1)).innerText(), /Đồng chí đã biểu quyết hồ sơ này/);
    await screenshot(stale, '67-bieu-quyet-lan-hai');

    // 5. The office closes the meeting: both pass; the minutes record the conflict.
    await o.reload();
    await o.getByRole('button', { name: 'Kết thúc, kiểm phiếu và lập biên bản' }).click();
    await o.getByText('Đã kết thúc phiên họp và lập biên bản.').waitFor();
    const minutes = await bodyText(o);
    for (const needle of ['BIÊN BẢN HỌP XÉT KHEN THƯỞNG', 'xung đột lợi ích', group(1), group(2)]) {
      assert.ok(minutes.includes(needle), `the minutes lack “${needle}”: ${minutes}`);
    }
    await screenshot(o, '68-bien-ban-hop');
    await o.getByRole('link', { name: '← Phiên họp' }).click();
    assert.match(await bodyText(o), /Đã kết thúc/);
    for (const n of [1, 2]) assert.match(await agendaItem(o, group(n)).innerText(), /Thông qua/);
    assert.match(await agendaItem(o, group(1)).innerText(), /đồng ý 3\/3/);
    assert.match(await agendaItem(o, group(2)).innerText(), /đồng ý 2\/3/);

    // 6. The chairman decides today.
    const c = chair.page;
    const number = `${5000 + Math.floor(Math.random() * 4000)}/QĐ-UBND`;
    await c.getByRole('navigation').getByRole('link', { name: 'Quyết định khen thưởng' }).click();
    await c.getByRole('link', { name: '+ Ra quyết định khen thưởng' }).click();
    await c.getByLabel('Số quyết định *').fill(number);
    assert.equal(await c.getByLabel('Ngày ký *').inputValue(), todayVn());
    await c.getByLabel('Địa danh').fill('Hà Nội');
    await c.getByLabel('Cơ quan ban hành *').fill('Ủy ban nhân dân thành phố Hà Nội');
    assert.equal(await c.getByLabel('Chức vụ người ký').inputValue(), 'Chủ tịch');
    await c.getByLabel('Người ký *').fill('Nguyễn Đức Long');
    for (const n of [1, 2]) await c.getByLabel(group(n), { exact: true }).check();
    await screenshot(c, '69-ra-quyet-dinh');
    await c.getByRole('button', { name: 'Ban hành quyết định' }).click();
    await c.getByText(`Đã ban hành Quyết định số ${number}.`).waitFor();
    const rows = await c.locator('table.grid tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.innerText.trim())));
    assert.deepEqual(
      rows.map((r) => [r[0], r[1], r[5], r[7]]),
      [
        ['1', group(1), '7.020.000 đ', 'Còn hiệu lực'],
        ['2', group(2), '7.020.000 đ', 'Còn hiệu lực'],
      ],
    );
    const decision = await bodyText(c);
    assert.match(decision, /Tổng tiền thưởng: 14\.040\.000 đ/);
    assert.ok(decision.includes(`Quyết định về việc khen thưởng thành tích năm ${year}`), 'the summary names the achievements’ year');
    const code = rows[1][6];
    assert.match(code, /^\S{6,8}$/, `verification code: ${code}`);
    await screenshot(c, '69-quyet-dinh');
    await c.getByRole('link', { name: 'In giấy chứng nhận' }).nth(1).click();
    const cert = await bodyText(c);
    for (const needle of [group(2), `Quyết định số ${number} ngày ${todayVn()}`, 'Số sổ vàng: 2', `Mã xác minh: ${code}`]) {
      assert.ok(cert.includes(needle), `the certificate lacks “${needle}”: ${cert}`);
    }
    await screenshot(c, '69-giay-chung-nhan');
    // The ward's nomination is decided.
    await w.goto(nomA);
    assert.match(await w.locator('.head .badge').innerText(), /Đã có quyết định khen thưởng/);

    // 7. Anyone: the honour roll without diacritics, and the verification of the certificate's code.
    const anon = await openPage(app.browser, app.server.url);
    contexts.push(anon);
    const a = anon.page;
    await a.goto('/vinh-danh');
    await a.getByLabel('Tìm theo tên, đơn vị, hình thức hoặc số quyết định').fill('to dan pho so 1');
    await a.getByRole('button', { name: 'Tìm' }).click();
    const roll = a.locator('table.grid tbody tr').filter({ hasText: group(1) });
    await roll.waitFor();
    assert.match(await roll.innerText(), new RegExp(`Số ${number.replace('/', '\\/')} ngày ${todayVn()}`));
    assert.equal(await a.locator('table.grid tbody tr').filter({ hasText: group(2) }).count(), 0, 'only the group searched for');
    await a.getByRole('link', { name: 'Xác minh giấy khen, bằng khen' }).click();
    await a.getByLabel('Mã xác minh in trên giấy khen, bằng khen').fill(code);
    await a.getByRole('button', { name: 'Xác minh' }).click();
    const verified = await bodyText(a);
    for (const needle of [group(2), 'Còn hiệu lực', `Số ${number}`]) {
      assert.ok(verified.includes(needle), `the verification page lacks “${needle}”: ${verified}`);
    }
    await screenshot(a, '69-xac-minh');

    for (const x of contexts) x.assertClean();
    for (const x of contexts) await x.close();
  });
});
