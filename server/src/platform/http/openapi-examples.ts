import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { ZodType } from 'zod';
import { CreateRule } from '../../../../contracts/automation';
import { CreateCompany, CreateContact } from '../../../../contracts/companies';
import { CreateApiToken } from '../../../../contracts/identity';
import { CreateDeal, UpdateDeal } from '../../../../contracts/sales';
import { CreateWebhook } from '../../../../contracts/webhooks';
import { CreateTask } from '../../../../contracts/work';

/**
 * Examples of the request bodies an integration starts with, shown in /api/docs and
 * /api/openapi.json. Kept here rather than in the contracts so the web bundle does not carry them;
 * matched by the very schema instances the routes use, and checked against them by a test.
 */
const COMPANY_ID = '019a6b2e-4c1d-7e3a-9f12-3b4c5d6e7f80';
const CONTACT_ID = '019a6b2e-5a2b-7c4d-8e5f-6a7b8c9d0e1f';
const DEAL_ID = '019a6b2f-0b1c-7d2e-8f3a-4b5c6d7e8f90';
const STAGE_ID = '019a6b20-1a2b-7c3d-9e4f-5a6b7c8d9e0f';
const TEMPLATE_ID = '019a6b21-2b3c-7d4e-8f5a-6b7c8d9e0f1a';

export const OPENAPI_EXAMPLES: { schema: ZodType; name: string; examples: unknown[] }[] = [
  {
    schema: CreateCompany,
    name: 'CreateCompany',
    examples: [
      {
        name: 'Müller Maschinenbau GmbH',
        roles: ['prospect'],
        street: 'Industriestraße 12',
        postalCode: '70565',
        city: 'Stuttgart',
        country: 'DE',
        website: 'www.mueller-maschinenbau.de',
        industry: 'Maschinenbau',
        tags: ['Webformular'],
      },
    ],
  },
  {
    schema: CreateContact,
    name: 'CreateContact',
    examples: [
      {
        companyId: COMPANY_ID,
        firstName: 'Anna',
        lastName: 'Schmidt',
        position: 'Einkaufsleitung',
        emails: [{ address: 'anna.schmidt@mueller-maschinenbau.de', label: 'Büro' }],
        phones: [{ number: '+49 711 123456-0', label: 'Zentrale' }],
        preferredLanguage: 'de',
        emailConsent: true,
        notes: 'Anfrage über das Kontaktformular: Angebot für 3 CNC-Fräsen',
      },
    ],
  },
  {
    schema: CreateDeal,
    name: 'CreateDeal',
    examples: [
      {
        title: 'CNC-Fräsen für Werk 2',
        companyId: COMPANY_ID,
        contactId: CONTACT_ID,
        source: 'website',
        expectedCloseDate: '2027-01-31',
        amountCents: 4_850_000,
      },
    ],
  },
  {
    // Moving a deal to another stage is an edit of the deal: PATCH /api/deals/{id}.
    schema: UpdateDeal,
    name: 'UpdateDeal (move to a stage)',
    examples: [{ version: 3, stageId: STAGE_ID }],
  },
  {
    schema: CreateTask,
    name: 'CreateTask',
    examples: [
      {
        type: 'call',
        subject: 'Rückruf zum Angebot CNC-Fräsen',
        dueDate: '2026-12-01',
        priority: 'high',
        companyId: COMPANY_ID,
        contactId: CONTACT_ID,
        dealId: DEAL_ID,
      },
    ],
  },
  {
    schema: CreateWebhook,
    name: 'CreateWebhook',
    examples: [
      {
        name: 'ERP: gewonnene Aufträge',
        url: 'https://erp.example.de/hooks/kontor',
        events: ['deal.won'],
      },
    ],
  },
  {
    schema: CreateRule,
    name: 'CreateRule',
    examples: [
      {
        name: 'Große Deals in Verhandlung: Anruf durch die Leitung',
        enabled: true,
        trigger: { kind: 'event', event: 'deal.stage_changed' },
        conditions: {
          match: 'all',
          items: [
            { field: 'event.toStageId', op: 'eq', value: STAGE_ID },
            { field: 'deal.amountCents', op: 'gt', value: 1_000_000 },
          ],
        },
        actions: [
          {
            kind: 'create_task',
            taskType: 'call',
            subject: 'Anruf: {{deal.title}} ({{company.name}})',
            assignTo: { kind: 'owner_manager' },
            dueInDays: 1,
          },
          { kind: 'send_email', templateId: TEMPLATE_ID, to: { kind: 'owner' } },
        ],
      },
    ],
  },
  {
    schema: CreateApiToken,
    name: 'CreateApiToken',
    examples: [
      {
        name: 'Website-Kontaktformular',
        scopes: ['companies:write'],
        expiresAt: '2027-12-31T23:00:00Z',
      },
    ],
  },
];

const EXAMPLES_BY_SCHEMA = new Map<unknown, unknown[]>(OPENAPI_EXAMPLES.map((e) => [e.schema, e.examples]));

type Transform = typeof jsonSchemaTransform;

/**
 * fastify-type-provider-zod's transform, plus the examples of the request body. (zod drops
 * `examples` metadata from the input schema of anything that transforms, e.g. a VAT ID field,
 * so they are added to the JSON schema here; @fastify/swagger moves them to the media type.)
 */
export const openApiTransform: Transform = (document) => {
  const result = jsonSchemaTransform(document);
  const examples = EXAMPLES_BY_SCHEMA.get(document.schema?.body);
  const body = (result.schema as { body?: unknown } | undefined)?.body;
  if (examples && body && typeof body === 'object') {
    (result.schema as { body: object }).body = { ...body, examples };
  }
  return result;
};
