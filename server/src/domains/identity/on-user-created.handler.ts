import type { AppContext } from '../../platform/context';
import { queueMail } from '../../platform/mail/queue-mail';

const WELCOME = {
  de: (name: string, email: string) => ({
    subject: 'Willkommen bei Kontor',
    text: [
      `Hallo ${name},`,
      '',
      'für Sie wurde ein Zugang zu Kontor angelegt.',
      `Melden Sie sich mit Ihrer E-Mail-Adresse ${email} an; Ihr Passwort erhalten Sie von Ihrer Administration.`,
      'Nach der ersten Anmeldung können Sie es unter „Mein Konto“ ändern.',
      '',
      'Viele Grüße',
      'Kontor',
    ].join('\n'),
  }),
  en: (name: string, email: string) => ({
    subject: 'Welcome to Kontor',
    text: [
      `Hello ${name},`,
      '',
      'an account has been created for you in Kontor.',
      `Log in with your e-mail address ${email}; your administrator will give you your password.`,
      'After your first login you can change it under "My account".',
      '',
      'Best regards',
      'Kontor',
    ].join('\n'),
  }),
};

/**
 * A new user gets a welcome mail in their language (never with the password). The mail is queued in
 * the handler's transaction, which also marks the event handled: a second delivery queues nothing.
 */
export function subscribeWelcomeMail(ctx: AppContext): void {
  ctx.events.subscribe('user.created', 'identity.welcome-mail', async (event, hctx) => {
    const { name, email, locale } = event.payload;
    await queueMail(hctx.trx, hctx.clock, { to: email, ...WELCOME[locale](name, email) });
  });
}
