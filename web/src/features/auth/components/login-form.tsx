import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../../contracts/identity';
import { LoginRequest } from '../../../../../contracts/identity';
import { isApiError } from '../../../lib/api';
import { useLogin } from '../../../lib/auth';
import { errorMessage } from '../../../lib/errors';
import { useForm } from '../../../lib/form';

interface Values extends Record<string, unknown> {
  email: string;
  password: string;
}

export function LoginForm({ onLoggedIn }: { onLoggedIn: (me: Me) => void }) {
  const { t } = useTranslation('auth');
  const form = useForm<Values>({ email: '', password: '' });
  const login = useLogin();
  const [failure, setFailure] = useState<string | null>(null);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const body = form.validate(LoginRequest);
    if (!body) return;
    login.mutate(body, {
      onSuccess: onLoggedIn,
      onError: (err) => {
        if (isApiError(err, 401)) setFailure(t('login.invalid'));
        else if (isApiError(err, 429)) setFailure(t('login.rateLimited'));
        else if (!form.setServerErrors(err)) setFailure(errorMessage(err, t));
        form.setFieldValue('password', '');
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="login-form">
      <Stack gap="md">
        {failure ? (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="login-error">
            {failure}
          </Alert>
        ) : null}
        <TextInput
          label={t('login.email')}
          type="email"
          autoComplete="username"
          required
          autoFocus
          data-testid="login-email"
          {...form.getInputProps('email')}
        />
        <PasswordInput
          label={t('login.password')}
          autoComplete="current-password"
          required
          data-testid="login-password"
          {...form.getInputProps('password')}
        />
        <Button type="submit" fullWidth loading={login.isPending} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Stack>
    </form>
  );
}
