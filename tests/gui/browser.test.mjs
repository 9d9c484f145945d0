// Browser tests of the web GUI and the docs (BEHAVIOUR §6), in headless
// Chromium against the real challenge-server binary. Run by ctest
// (gui/browser) or by hand: node --test tests/gui/browser.test.mjs
// Screenshots land in $SCREENSHOT_DIR (ctest: <build>/gui-screenshots).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  api,
  doneChallenges,
  launchBrowser,
  offlineContext,
  screenshot,
  startServer,
} from './support.mjs';

const hostileTitle = '<script>alert(1)</script>';

let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

// The state of the challenge table as the browser shows it.
async function tableState(page) {
  return page.$$eval('tr[data-challenge]', (rows) => rows.map((row) => ({
    key: row.getAttribute('data-challenge'),
    name: row.querySelector('td.name').textContent,
    className: row.className,
    done: row.querySelector('td.done').textContent,
  })));
}

describe('single-user mode', () => {
  let server;
  let context;
  let page;

  before(async () => {
    server = await startServer();
    context = await offlineContext(browser);
    page = await context.newPage();
  });

  after(async () => {
    await context?.close();
    await server?.stop();
  });

  test('the home page explains how to play', async () => {
    await page.goto(server.url + '/');
    assert.equal(await page.title(), 'API Challenges');
    const text = await page.textContent('main');
    assert.match(text, /single-user/);
    assert.match(text, new RegExp(`curl -i -X POST ${server.url}/challenger`));
    await screenshot(page, 'home-single-user');
  });

  test("a fresh challenger's page shows every challenge not done", async () => {
    await page.goto(server.url + '/gui/challenges');
    await page.waitForSelector('body[data-gui-ready="true"]');
    const rows = await tableState(page);
    assert.equal(rows.length, 58); // single-user: BEHAVIOUR §1.2
    for (const row of rows) {
      assert.equal(row.className, 'statusfalse', row.key);
      assert.equal(row.done, 'false', row.key);
    }
    assert.equal(await page.textContent('#count-done'), '0');
    assert.equal(await page.textContent('#count-remain'), '58');
    // Sections, a table of contents, and collapsible hints.
    assert.equal(await page.locator('nav.toc li').count(), 19);
    const hints = page.locator('tr[data-challenge="GET_CHALLENGES"] details.hints');
    assert.equal(await hints.locator('li').first().isVisible(), false);
    await hints.locator('summary').click();
    assert.equal(await hints.locator('li').first().isVisible(), true);
    await screenshot(page, 'progress-fresh');
  });

  test('after a challenge is completed through the API, Refresh Status shows it done', async () => {
    await page.goto(server.url + '/gui/challenges');
    await page.waitForSelector('body[data-gui-ready="true"]');
    assert.equal((await api(server, 'POST', '/challenger')).status, 201);
    assert.equal((await api(server, 'GET', '/heartbeat')).status, 204);
    const row = page.locator('tr[data-challenge="GET_HEARTBEAT_204"]');
    assert.equal(await row.getAttribute('class'), 'statusfalse');
    await page.click('#refresh-status');
    await page.waitForSelector('tr[data-challenge="GET_HEARTBEAT_204"].statustrue');
    assert.equal(await row.locator('td.done').textContent(), 'true');
    const created = page.locator('tr[data-challenge="CREATE_NEW_CHALLENGER"]');
    assert.equal(await created.getAttribute('class'), 'statustrue');
    assert.equal(await page.textContent('#count-done'), '2');
    // Looking at the page and refreshing credited nothing else.
    assert.deepEqual((await doneChallenges(server)).sort(), [
      'GET /challenges (200)',
      'GET /heartbeat (204)',
      'POST /challenger (201)',
    ]);
    await screenshot(page, 'progress-refreshed');
  });

  test('a hostile todo title renders as text everywhere', async () => {
    const created = await api(server, 'POST', '/todos', {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: hostileTitle, description: '<b>bold</b> & "quoted"' }),
    });
    assert.equal(created.status, 201);
    const id = JSON.parse(created.text).id;

    await page.goto(server.url + '/gui/instances?entity=todo');
    const cell = page.locator(`tr[data-id="${id}"] td.title`);
    assert.equal(await cell.textContent(), hostileTitle);
    assert.equal(await page.locator(`tr[data-id="${id}"] td.description b`).count(), 0);
    await screenshot(page, 'instances-xss');

    await page.goto(`${server.url}/gui/instance?entity=todo&id=${id}`);
    assert.equal(await page.locator('td.title').textContent(), hostileTitle);
    assert.match(await page.locator('pre.example').first().textContent(), /<script>alert\(1\)<\/script>/);

    // The progress page embeds the todos database as JSON: still inert.
    await page.goto(server.url + '/gui/challenges');
    await page.waitForSelector('body[data-gui-ready="true"]');
    const embedded = await page.evaluate(() => JSON.stringify(document.databaseData));
    assert.ok(embedded.includes('alert(1)'));

    const scripts = await page.$$eval('script', (xs) => xs.map((x) => x.textContent));
    assert.ok(!scripts.some((x) => x.includes(hostileTitle)));
    assert.deepEqual(context.dialogs, []);
    assert.deepEqual(context.pageErrors, []);
  });

  test('the API documentation lists every endpoint', async () => {
    await page.goto(server.url + '/docs');
    const text = await page.textContent('main');
    for (const path of ['/todos', '/todos/{id}', '/challenges', '/challenger',
      '/challenger/{guid}', '/challenger/database/{guid}', '/heartbeat',
      '/secret/token', '/secret/note']) {
      assert.ok(text.includes(path), path);
    }
    assert.match(text, /Maximum length allowed is 50/);
    await screenshot(page, 'docs');
  });

  test('Swagger UI loads offline and lists /todos', async () => {
    const swagger = await context.newPage();
    await swagger.goto(server.url + '/docs/swagger-ui');
    await swagger.waitForSelector('.opblock-summary-path');
    const paths = await swagger.$$eval('.opblock-summary-path', (xs) => xs.map((x) => x.textContent.trim()));
    assert.ok(paths.includes('/todos'), paths.join(', '));
    assert.ok(paths.includes('/secret/note'));
    assert.match(await swagger.textContent('.info .title'), /Simple Todo List/);
    // Open one operation: its schema is rendered from our document.
    await swagger.locator('#operations-todos-postTodos .opblock-summary').click();
    await swagger.waitForSelector('#operations-todos-postTodos .opblock-body');
    await screenshot(swagger, 'swagger-ui');
    assert.deepEqual(context.external, [], 'requests left the machine');
    await swagger.close();
  });

  test('unknown pages get the HTML 404 page', async () => {
    const res = await page.goto(server.url + '/no/such/page');
    assert.equal(res.status(), 404);
    assert.match(await page.textContent('h1'), /Page Not Found/);
    await screenshot(page, 'not-found');
  });
});

describe('multi-user mode: save progress to the browser, lose the session, restore it', () => {
  let server;
  let context;
  let page;

  before(async () => {
    server = await startServer(['--multi-user']);
    context = await offlineContext(browser);
    page = await context.newPage();
  });

  after(async () => {
    await context?.close();
    await server?.stop();
  });

  test('the round trip through localStorage', async () => {
    // A learner creates a challenger and completes a few challenges.
    const created = await api(server, 'POST', '/challenger');
    assert.equal(created.status, 201);
    const guid = created.headers.get('x-challenger');
    const as = { 'X-CHALLENGER': guid };
    assert.equal((await api(server, 'GET', '/todos', { headers: as })).status, 200);
    const todo = await api(server, 'POST', '/todos', {
      headers: { ...as, 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'remember me', doneStatus: true }),
    });
    assert.equal(todo.status, 201);
    const earlier = (await doneChallenges(server, guid)).sort();
    // (fetch sends Accept: */*, hence the ANY challenge.)
    assert.deepEqual(earlier, [
      'GET /challenges (200)',
      'GET /todos (200)',
      'GET /todos (200) ANY',
      'POST /challenger (201)',
      'POST /todos (201)',
    ]);

    // Without a GUID the page explains multi-user mode.
    await page.goto(server.url + '/gui/challenges');
    assert.match(await page.textContent('#challenger-heading'), /Unknown Challenger ID/);
    assert.match(await page.textContent('main'), /purged from the server memory after 10\s+minutes/);

    // The progress page: done challenges, todo count, save to the browser.
    await page.goto(`${server.url}/gui/challenges/${guid}`);
    await page.waitForSelector('body[data-gui-ready="true"]');
    assert.match(await page.textContent('#challenger-heading'), new RegExp(guid));
    assert.equal(await page.textContent('#count-done'), String(earlier.length));
    assert.equal(await page.textContent('#todo-count'), '11');
    await page.click('#save-progress');
    await page.click('#save-todos');
    const saved = await page.evaluate((g) => ({
      progress: JSON.parse(localStorage.getItem(`${g}.progress`)),
      data: JSON.parse(localStorage.getItem(`${g}.data`)),
      guids: localStorage.getItem('challenges-guids'),
    }), guid);
    assert.equal(saved.progress.xChallenger, guid);
    assert.equal(saved.progress.challengeStatus.POST_TODOS, true);
    assert.equal(saved.data.todos.length, 11);
    assert.deepEqual(saved.data.todos.map((x) => x.id), [...saved.data.todos.map((x) => x.id)].sort((a, b) => a - b));
    assert.equal(saved.guids, `|${guid}|`);
    assert.equal(await page.locator('#guid-list a').textContent(), guid);
    await screenshot(page, 'progress-multi-user-saved');

    // The cookie remembers the GUID: /gui/challenges redirects to it, and
    // the data explorer shows this challenger's todos.
    await page.goto(server.url + '/gui/challenges');
    assert.equal(new URL(page.url()).pathname, `/gui/challenges/${guid}`);
    await page.goto(server.url + '/gui/instances?entity=todo');
    assert.equal(await page.textContent('#database-name'), guid);
    assert.equal(await page.locator('td.title', { hasText: 'remember me' }).count(), 1);

    // The session is lost: a restart of a server that keeps nothing.
    const port = server.port;
    await server.stop();
    server = await startServer(['--multi-user'], { port });
    assert.equal((await api(server, 'GET', `/challenger/${guid}`)).status, 404);

    // The page now says so, and offers the locally saved data.
    await page.goto(`${server.url}/gui/challenges/${guid}`);
    await page.waitForSelector('body[data-gui-ready="true"]');
    assert.match(await page.textContent('#challenger-heading'), /Unknown Challenger ID/);
    await page.waitForSelector('#restore-local:not([hidden])');
    await screenshot(page, 'progress-unknown-challenger');

    // Restore from the buttons: progress (the page reloads as known), then
    // the todos.
    await Promise.all([
      page.waitForNavigation(),
      page.click('#restore-local #restore-progress'),
    ]);
    await page.waitForSelector('body[data-gui-ready="true"]');
    assert.match(await page.textContent('#challenger-heading'), new RegExp(`Progress For Challenger ID ${guid}`));
    for (const key of ['CREATE_NEW_CHALLENGER', 'GET_CHALLENGES', 'GET_TODOS',
      'GET_ACCEPT_ANY_DEFAULT_JSON', 'POST_TODOS']) {
      assert.equal(await page.locator(`tr[data-challenge="${key}"]`).getAttribute('class'), 'statustrue', key);
    }
    assert.equal(await page.textContent('#todo-count'), '10'); // a fresh seed
    await page.click('#restore-todos');
    await page.waitForFunction(() => document.getElementById('todo-count').textContent === '11');
    assert.match(await page.textContent('#status-message'), /Todos restored/);
    await screenshot(page, 'progress-restored');

    // The server agrees: the progress is back (plus the restore itself,
    // which is a challenge: PUT /challenger/{guid} creating a challenger).
    const later = (await doneChallenges(server, guid)).sort();
    for (const name of earlier) {
      assert.ok(later.includes(name), name);
    }
    assert.ok(later.includes('PUT /challenger/guid CREATE'));
    const todos = JSON.parse((await api(server, 'GET', '/todos', { headers: as })).text).todos;
    assert.ok(todos.some((x) => x.title === 'remember me' && x.doneStatus === true));

    // Forget the GUID: the list, the saved data and the cookie go.
    await page.click(`#guid-list button[data-guid="${guid}"]`);
    const left = await page.evaluate((g) => [
      localStorage.getItem(`${g}.progress`),
      localStorage.getItem(`${g}.data`),
      localStorage.getItem('challenges-guids'),
      document.cookie.includes(g),
    ], guid);
    assert.deepEqual(left, [null, null, '', false]);
    assert.deepEqual(context.dialogs, []);
    assert.deepEqual(context.pageErrors, []);
    assert.deepEqual(context.external, []);
  });
});
