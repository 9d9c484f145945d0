// The OpenAPI document (BEHAVIOUR §6.2) validates with a standard validator
// (@apidevtools/swagger-parser), in both modes, and describes every
// endpoint, header and payload. Run by ctest (gui/openapi) or by hand:
// node --test tests/gui/openapi.test.mjs

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import SwaggerParser from '@apidevtools/swagger-parser';

import { api, startServer } from './support.mjs';

// The route table of BEHAVIOUR §2.1, in the order of model/routes.cpp.
const routes = {
  '/todos': ['get', 'head', 'post', 'options'],
  '/todos/{id}': ['get', 'head', 'post', 'put', 'delete', 'options'],
  '/challenges': ['get', 'head', 'options'],
  '/challenger': ['post', 'options'],
  '/challenger/database/{guid}': ['get', 'head', 'put', 'options'],
  '/challenger/{guid}': ['get', 'head', 'put', 'options'],
  '/heartbeat': ['get', 'head', 'patch', 'trace', 'options'],
  '/secret/token': ['post', 'options'],
  '/secret/note': ['get', 'head', 'post', 'options'],
};

for (const mode of ['single-user', 'multi-user']) {
  describe(`OpenAPI document, ${mode} mode`, () => {
    test('validates and covers every endpoint, header and payload', async () => {
      const server = await startServer([`--${mode}`]);
      try {
        const res = await api(server, 'GET', '/docs/openapi.json');
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-type'), 'application/json');
        const doc = JSON.parse(res.text);
        // validate() resolves every $ref and checks the document against
        // the OpenAPI 3.0 schema; it modifies its argument, so give it a copy.
        await SwaggerParser.validate(structuredClone(doc));

        assert.equal(doc.openapi, '3.0.3');
        assert.equal(doc.info.title, 'Simple Todo List');
        assert.equal(doc.servers[0].url, server.url);
        assert.deepEqual(doc.servers.slice(1).map((x) => x.url), [
          'https://apichallenges.eviltester.com',
          'http://localhost:4567',
        ]);
        assert.deepEqual(Object.keys(doc.paths), Object.keys(routes));
        for (const [path, methods] of Object.entries(routes)) {
          assert.deepEqual(Object.keys(doc.paths[path]), methods, path);
        }

        // Payloads: the todo with its limits, as JSON and XML.
        const todo = doc.components.schemas.Todo.properties;
        assert.equal(todo.title.maxLength, 50);
        assert.equal(todo.description.maxLength, 200);
        const create = doc.paths['/todos'].post;
        assert.deepEqual(Object.keys(create.requestBody.content), ['application/json', 'application/xml']);
        assert.deepEqual(Object.keys(create.responses), mode === 'multi-user'
          ? ['201', '400', '401', '406', '413', '415']
          : ['201', '400', '406', '413', '415']);
        // The progress payload lists every challenge of this configuration.
        const flags = doc.components.schemas.ChallengerProgress.properties.challengeStatus.properties;
        assert.equal(Object.keys(flags).length, mode === 'multi-user' ? 59 : 58);

        // Headers: X-CHALLENGER in multi-user mode (not on POST
        // /challenger), the auth schemes of /secret.
        const headerNames = (op) => (op.parameters || [])
          .map((p) => (p.$ref ? doc.components.parameters[p.$ref.split('/').pop()] : p))
          .filter((p) => p.in === 'header').map((p) => p.name);
        const getTodos = headerNames(doc.paths['/todos'].get);
        assert.equal(getTodos.includes('X-CHALLENGER'), mode === 'multi-user');
        assert.ok(!headerNames(doc.paths['/challenger'].post).includes('X-CHALLENGER'));
        assert.ok(headerNames(doc.paths['/challenger'].post).includes('X-HTTP-Method-Override'));
        assert.deepEqual(doc.paths['/secret/token'].post.security, [{ basicAuth: [] }]);
        assert.deepEqual(doc.paths['/secret/note'].get.security, [{ authToken: [] }, { bearerAuth: [] }]);
        assert.equal(doc.components.securitySchemes.authToken.name, 'X-AUTH-TOKEN');
        assert.ok(doc.paths['/challenger'].post.responses['201'].headers.Location);

        // The same document as a download, and its permissive variant.
        const download = await api(server, 'GET', '/docs/swagger');
        assert.equal(download.headers.get('content-type'), 'application/octet-stream');
        assert.equal(download.headers.get('content-disposition'),
          'attachment; filename="Simple-Todo-List-swagger.json"');
        assert.deepEqual(JSON.parse(download.text), doc);
        const permissive = await api(server, 'GET', '/docs/swagger?permissive');
        assert.match(permissive.headers.get('content-disposition'), /Simple-Todo-List-permissive-swagger\.json/);
        await SwaggerParser.validate(JSON.parse(permissive.text));
      } finally {
        await server.stop();
      }
    });
  });
}
