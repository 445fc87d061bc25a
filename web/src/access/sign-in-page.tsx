import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState } from '../app/states.js';
import { useSignIn } from './use-session.js';

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  return (
    <section className="narrow">
      <h1>{t('signIn.title')}</h1>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          signIn.mutate({ email, password }, { onSuccess: () => void navigate('/') });
        }}
      >
        <label>
          {t('signIn.email')}
          <input type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          {t('signIn.password')}
          <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <button type="submit" disabled={signIn.isPending}>
          {signIn.isPending ? t('signIn.working') : t('signIn.submit')}
        </button>
      </form>
      {signIn.isError ? <ErrorState error={signIn.error} byStatus={{ 401: t('signIn.failed'), 429: t('signIn.slowed') }} /> : null}
      <p className="muted">{t('signIn.demoHint')}</p>
    </section>
  );
}
