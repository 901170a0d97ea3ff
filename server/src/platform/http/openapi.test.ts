import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { OPENAPI_EXAMPLES } from './openapi-examples';

interface Operation {
  summary?: string;
  tags?: string[];
  requestBody?: { content?: Record<string, { example?: unknown; examples?: Record<string, unknown> }> };
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  security?: Record<string, string[]>[];
  components: { securitySchemes: Record<string, { type: string; scheme?: string; description?: string }> };
}

/** The request bodies an integration starts with: each must show an example. */
const WITH_EXAMPLES: [method: string, path: string][] = [
  ['post', '/api/companies'],
  ['post', '/api/contacts'],
  ['post', '/api/deals'],
  ['patch', '/api/deals/{id}'],
  ['post', '/api/tasks'],
  ['post', '/api/webhooks'],
  ['post', '/api/rules'],
  ['post', '/api/api-tokens'],
];

// The document does not depend on the database: one dialect is enough.
describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: Document;

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    doc = res.json<Document>();
  });
  afterAll(() => t?.close());

  it('gives every operation a summary and a tag', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (!op.summary?.trim() || !op.tags?.length) missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(missing).toEqual([]);
    expect(Object.keys(doc.paths).length).toBeGreaterThan(100);
  });

  it('declares the bearer scheme for API tokens and explains scopes', () => {
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.bearer?.description).toMatch(/deals:write/);
    expect(doc.security).toContainEqual({ bearer: [] });
  });

  it('shows examples on the important request bodies, and every example is valid input', () => {
    for (const [method, path] of WITH_EXAMPLES) {
      const media = doc.paths[path]?.[method]?.requestBody?.content?.['application/json'];
      expect(media, `${method} ${path}`).toBeDefined();
      expect(media?.example ?? media?.examples, `${method} ${path} has an example`).toBeDefined();
    }
    for (const { name, schema, examples } of OPENAPI_EXAMPLES) {
      for (const example of examples) {
        const parsed = schema.safeParse(example);
        expect(parsed.success, `${name}: ${parsed.error?.message}`).toBe(true);
      }
    }
  });
});
