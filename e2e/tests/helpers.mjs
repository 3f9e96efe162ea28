// Shared pieces of the browser tests: start the built thidua binary with demo data on a free port,
// drive Debian Chromium through playwright-core, fail on any browser console error, take screenshots.

import { spawn } from 'node:child_process';
import { after, before } from 'node:test';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const E2E_DIR = path.resolve(here, '..');
export const REPO_ROOT = path.resolve(E2E_DIR, '..');
export const SCREENSHOT_DIR = path.join(E2E_DIR, 'screenshots');
export const DEMO_PASSWORD = 'thidua-demo-2025';

/** The binary under test: $THIDUA_BIN (absolute, or relative to the current folder or the repo), else target/debug/thidua. */
export function binaryPath() {
  const wanted = process.env.THIDUA_BIN || '../target/debug/thidua';
  if (path.isAbsolute(wanted)) return wanted;
  const candidates = [path.resolve(process.cwd(), wanted), path.resolve(E2E_DIR, wanted), path.resolve(REPO_ROOT, wanted)];
  return candidates.find((c) => existsSync(c)) ?? candidates[0];
}

/**
 * Starts `thidua serve --demo` on 127.0.0.1 with a fresh data folder, waits until /healthz answers,
 * and returns { url, stop(), log() }.
 */
export async function startServer({ timeoutMs = 180_000 } = {}) {
  const bin = binaryPath();
  assert.ok(existsSync(bin), `thidua binary not found at ${bin}; build it (cargo build -p thidua) or set THIDUA_BIN`);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'thidua-e2e-'));
  const args = ['serve', '--demo', '--data-dir', dataDir, '--bind', '127.0.0.1:0'];
  if (process.env.THIDUA_E2E_DATABASE_URL) args.push('--database-url', process.env.THIDUA_E2E_DATABASE_URL);
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, RUST_LOG: process.env.RUST_LOG || 'warn' } });
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const started = Date.now();

  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`thidua did not say it was ready within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk) => {
      output += chunk.toString();
      const m = output.match(/đang chạy tại (http:\/\/[^\s]+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => {
      output += chunk.toString();
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`thidua exited early (code ${code}, signal ${signal}):\n${output}`));
    });
  });

  // Ready means /healthz answers 200, not only that the socket is bound.
  for (;;) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not yet
    }
    if (Date.now() - started > timeoutMs) throw new Error(`/healthz did not answer within ${timeoutMs} ms:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, stop, log: () => output, startupMs: Date.now() - started };
}

/** Chromium flags this machine needs (closed network, running as root). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian Chromium; playwright-core gives every launch a new empty profile (--user-data-dir in a temp folder). */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * A fresh browser context (own cookies) and page that records console errors and page errors.
 * Expected HTTP error statuses (a 422 form, a 404 page) can be allowed with `allowStatus(n)`;
 * everything else that the console reports as an error — CSP violations included — fails `assertClean()`.
 */
export async function openPage(browser, baseURL, { viewport = { width: 1280, height: 860 } } = {}) {
  const context = await browser.newContext({ baseURL, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems = [];
  const allowed = new Set();
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    const status = text.match(/the server responded with a status of (\d{3})/);
    if (status && allowed.has(Number(status[1]))) return;
    problems.push(`console error on ${page.url()}: ${text}`);
  });
  page.on('pageerror', (err) => problems.push(`page error on ${page.url()}: ${err.message}`));
  return {
    page,
    context,
    problems,
    allowStatus: (...codes) => codes.forEach((c) => allowed.add(c)),
    assertClean() {
      assert.deepEqual(problems, [], `the browser reported errors:\n${problems.join('\n')}`);
    },
    close: () => context.close(),
  };
}

/** Signs in through the login form and waits for the home page. */
export async function login(page, username, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
}

/** Screenshot (full page unless told) into e2e/screenshots/NAME.png (gitignored), for a person to look at. */
export async function screenshot(page, name, { fullPage = true } = {}) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage });
}

/** Text of the visible page body with whitespace collapsed. */
export async function bodyText(page) {
  return (await page.locator('body').innerText()).replace(/\s+/g, ' ');
}

/**
 * Starts a demo server and a browser for the enclosing `describe()` and stops both after it.
 * The returned object gets `server` and `browser` once the `before` hook has run.
 */
export function withServerAndBrowser() {
  const app = {};
  before(async () => {
    app.server = await startServer();
    app.browser = await launchBrowser();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.stop();
  });
  return app;
}
