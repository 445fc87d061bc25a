import { Route, Routes } from 'react-router';
import { hasAnyRole, useSession } from '../access/use-session.js';
import { EmptyState } from '../app/states.js';
import { useTranslation } from 'react-i18next';
import { NeedForm } from './need-form.js';
import { NeedGapsPage } from './need-gaps-page.js';
import { NeedListPage } from './need-list-page.js';
import { NeedPage } from './need-page.js';
import './funding.css';

/** /needs: the list, the gap analysis, a new need (coordinators, and reporters for their facilities), one need. */
export function NeedsRoutes() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <Routes>
      <Route index element={<NeedListPage />} />
      <Route path="gaps" element={<NeedGapsPage />} />
      <Route path="new" element={hasAnyRole(session.data, ['admin', 'coordinator', 'facility_reporter']) ? <NeedForm /> : <EmptyState title={t('app.notFound')} />} />
      <Route path=":id" element={<NeedPage />} />
    </Routes>
  );
}
