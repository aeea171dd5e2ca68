/**
 * Logging in. Where a user lands afterwards: process owners (`owned`: they hold the role that owns
 * a process on the map) start on the Processkarta, everyone else on Mina uppgifter (both are in the menu).
 */
import { Button, Form, Stack, TextInput, Tile } from '@carbon/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api.js';
import { Notice, PageTitle } from '../../shared/ui.js';
import { useLogin } from './queries.js';

async function homeOf(): Promise<string> {
  try {
    const defs = await api.definitions();
    return defs.some((d) => d.owned) ? '/processer' : '/';
  } catch {
    return '/';
  }
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const login = useLogin();
  const [error, setError] = useState('');
  return (
    <div className="narrow">
      <PageTitle>{t('login.title')}</PageTitle>
      <Tile>
        <Form
          onSubmit={async (e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            try {
              await login.mutateAsync({ username: String(f.get('username')), password: String(f.get('password')) });
              await navigate(await homeOf());
            } catch {
              setError(t('login.failed'));
            }
          }}
        >
          <Stack gap={6}>
            <TextInput id="username" name="username" labelText={t('login.username')} autoComplete="username" required />
            {/* a plain password field: Carbon's PasswordInput adds a show button whose name also says "lösenord" */}
            <TextInput id="password" name="password" type="password" labelText={t('login.password')} autoComplete="current-password" required />
            {error && <Notice kind="error" text={error} />}
            <Button type="submit" disabled={login.isPending}>
              {t('login.submit')}
            </Button>
          </Stack>
        </Form>
      </Tile>
      <p className="below">
        <Link to="/e-tjanst">{t('login.public')}</Link>
      </p>
    </div>
  );
}
