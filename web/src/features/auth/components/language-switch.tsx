import { Button, Tooltip } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../../contracts/identity';
import { useNotify } from '../../../components/notifications';
import { isConflict } from '../../../lib/api';
import { meQueryKey, useOptionalSession, useUpdateMe } from '../../../lib/auth';
import { errorMessage } from '../../../lib/errors';
import type { AppLocale } from '../../../lib/format';
import { applyLanguage, currentLanguage } from '../../../lib/i18n';

/**
 * Toggles German ⇄ English. The UI switches at once; when logged in, the choice is saved to the
 * user's profile (`PATCH /auth/me`), so it follows them to other devices.
 */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const notify = useNotify();
  const me = useOptionalSession();
  const queryClient = useQueryClient();
  const updateMe = useUpdateMe();
  const current = currentLanguage();
  const next: AppLocale = current === 'de' ? 'en' : 'de';

  const persist = async (locale: AppLocale, version: number, retry: boolean): Promise<void> => {
    try {
      await updateMe.mutateAsync({ version, locale });
    } catch (err) {
      if (retry && isConflict(err)) {
        // the profile was saved elsewhere meanwhile: take the fresh version and try once more
        const fresh = await queryClient.fetchQuery<Me | null>({ queryKey: meQueryKey, staleTime: 0 });
        if (fresh) return persist(locale, fresh.user.version, false);
      }
      notify.error(errorMessage(err, t));
    }
  };

  // Saves run one after another, each against the profile as the previous one left it: two quick
  // toggles must not compare with the profile of the first render (the second choice was lost).
  const saving = useRef<Promise<void>>(Promise.resolve());
  const toggle = async () => {
    await applyLanguage(next);
    if (!me) return;
    saving.current = saving.current.then(async () => {
      const latest = queryClient.getQueryData<Me | null>(meQueryKey) ?? me;
      if (latest.user.locale !== next) await persist(next, latest.user.version, true);
    });
    await saving.current;
  };

  return (
    <Tooltip label={t(`language.switchTo.${next}`)}>
      <Button
        variant="default"
        size="compact-md"
        h={34}
        leftSection={<IconLanguage size={16} />}
        onClick={() => void toggle()}
        aria-label={t(`language.switchTo.${next}`)}
        data-testid="language-switch"
        data-language={current}
      >
        {t(`language.short.${current}`)}
      </Button>
    </Tooltip>
  );
}
