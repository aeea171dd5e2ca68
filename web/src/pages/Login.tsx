import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../api.js';
import { PageTitle } from '../components/common.js';

/**
 * Where a user lands after logging in: process owners (a role that owns a process on the map)
 * start on the Processkarta, everyone else on Mina uppgifter (both are in the menu).
 */
async function homeOf(): Promise<string> {
  try {
    const [me, defs] = await Promise.all([api.me(), api.definitions()]);
    const roles = new Set(me.roles.map((r) => r.role));
    return defs.some((d) => roles.has(d.ownerRole)) ? '/processer' : '/';
  } catch {
    return '/';
  }
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [error, setError] = useState('');
  return (
    <>
      <PageTitle>{t('login.title')}</PageTitle>
      <form className="card" onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        try {
          await api.login(String(f.get('username')), String(f.get('password')));
          await navigate(await homeOf());
        } catch {
          setError(t('login.failed'));
        }
      }}>
        <label htmlFor="username">{t('login.username')}</label>
        <input type="text" id="username" name="username" autoComplete="username" required />
        <label htmlFor="password">{t('login.password')}</label>
        <input type="password" id="password" name="password" autoComplete="current-password" required />
        <p className="error" role="alert">{error}</p>
        <button type="submit">{t('login.submit')}</button>
      </form>
      <p><Link to="/e-tjanst">{t('login.public')}</Link></p>
    </>
  );
}
