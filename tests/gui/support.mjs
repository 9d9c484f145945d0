// Shared helpers of the browser tests: start the real challenge-server
// binary on an ephemeral port, launch Debian's Chromium through
// playwright-core, keep every request on this machine, take screenshots.

import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The server binary: $CHALLENGE_SERVER (set by ctest) or build/. */
export const serverBinary = process.env.CHALLENGE_SERVER
  || path.join(root, 'build', 'challenge-server');

/** Where screenshots go: $SCREENSHOT_DIR (set by ctest) or build/. */
export const screenshotDir = process.env.SCREENSHOT_DIR
  || path.join(root, 'build', 'gui-screenshots');

/**
 * Starts challenge-server with `args` (storage none unless given) and
 * resolves once it prints `listening on http://127.0.0.1:PORT`.
 */
export function startServer(args = [], { port = 0 } = {}) {
  const all = ['--host', '127.0.0.1', '--port', String(port)];
  if (!args.includes('--storage')) {
    all.push('--storage', 'none');
  }
  all.push(...args);
  const child = spawn(serverBinary, all, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`challenge-server did not start:\n${log}`));
    }, 15000);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${serverBinary}: ${e.message}`));
    });
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const m = log.match(/listening on (http:\/\/127\.0\.0\.1:(\d+))/);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1],
          port: Number(m[2]),
          log: () => log,
          async stop() {
            if (child.exitCode === null) {
              child.kill('SIGTERM');
            }
            await exited;
          },
        });
      }
    });
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`challenge-server exited (${code}):\n${log}`));
    });
  });
}

/** Launches headless Chromium as the machine notes prescribe. */
export async function launchBrowser() {
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (e) {
    throw new Error('playwright-core is missing: run scripts/setup (npm ci)');
  }
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/**
 * A fresh browser context whose pages may only talk to 127.0.0.1: every
 * other request is aborted and recorded in `context.external`, so a test
 * can prove that a page works offline. Page errors and dialogs (an XSS
 * would open one) are recorded too.
 */
export async function offlineContext(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.external = [];
  context.pageErrors = [];
  context.dialogs = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') {
      return route.continue();
    }
    context.external.push(url.href);
    return route.abort();
  });
  context.on('page', (page) => {
    page.on('pageerror', (e) => context.pageErrors.push(String(e)));
    page.on('dialog', (d) => {
      context.dialogs.push(d.message());
      d.dismiss().catch(() => {});
    });
  });
  return context;
}

/** Saves a full-page screenshot as `<name>.png` under the build directory. */
export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/** An API request from the test itself (not the browser). */
export async function api(server, method, target, { headers = {}, body } = {}) {
  const res = await fetch(server.url + target, { method, headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text };
}

/** The names of the challenges GET /challenges reports as done. */
export async function doneChallenges(server, guid) {
  const headers = { Accept: 'application/json' };
  if (guid) {
    headers['X-CHALLENGER'] = guid;
  }
  const res = await api(server, 'GET', '/challenges', { headers });
  return JSON.parse(res.text).challenges.filter((c) => c.status).map((c) => c.name);
}
