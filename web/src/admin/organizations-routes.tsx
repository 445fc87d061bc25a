import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { EmptyState } from '../app/states.js';
import '../funding/funding.css';
import { OrganizationEditPage, OrganizationNewPage } from './organization-form.js';
import { OrganizationListPage } from './organization-list-page.js';

/** /admin/organizations: the registry's list, a new organisation, and one organisation's form. */
export function OrganizationsRoutes() {
  const { t } = useTranslation();
  return (
    <Routes>
      <Route index element={<OrganizationListPage />} />
      <Route path="new" element={<OrganizationNewPage />} />
      <Route path=":id" element={<OrganizationEditPage />} />
      <Route path="*" element={<EmptyState title={t('app.notFound')} />} />
    </Routes>
  );
}
