import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api';
import deCommon from '../../locales/de/common.json';
import deWebhooks from '../../locales/de/webhooks.json';
import enCommon from '../../locales/en/common.json';
import enWebhooks from '../../locales/en/webhooks.json';
import { webhookErrorMessage } from './webhook-errors';

const inUse = (...rules: string[]) =>
  new ApiError({
    type: 'about:blank',
    title: 'Unprocessable',
    status: 422,
    code: 'webhooks.in_use',
    detail: 'The enabled rules … call this webhook',
    errors: rules.map((message) => ({ path: 'active', message })),
  });

describe('webhook error messages', () => {
  it('names the rules that still call a webhook, in the user’s language', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      lng: 'de',
      ns: ['common', 'webhooks'],
      resources: {
        de: { common: deCommon, webhooks: deWebhooks },
        en: { common: enCommon, webhooks: enWebhooks },
      },
      interpolation: { escapeValue: false },
    });
    const t = i18n.getFixedT('de', 'webhooks');
    expect(webhookErrorMessage(inUse('Lager informieren'), t)).toBe(
      'Die aktive Regel „Lager informieren“ ruft diesen Webhook auf. Ändern oder deaktivieren Sie sie zuerst.',
    );
    expect(webhookErrorMessage(inUse('A', 'B'), i18n.getFixedT('en', 'webhooks'))).toBe(
      'The enabled rules “A”, “B” call this webhook. Change or disable them first.',
    );
    // anything else as usual
    const other = new ApiError({ type: 'about:blank', title: 'Nope', status: 422, detail: 'Bad input' });
    expect(webhookErrorMessage(other, t)).toBe('Bad input');
  });
});
