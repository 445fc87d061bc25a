import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { EmptyState } from '../app/states.js';
import { AgreementPage } from './agreement-page.js';
import { AreaPage } from './area-page.js';
import { AgreementsPage } from './agreements-page.js';
import { MeetingPage } from './meeting-page.js';
import { PartnerPage } from './partner-page.js';
import './partners.css';

/** The partnership pages under /partners: agreements, one agreement, one meeting, one partner. */
export function PartnersRoutes() {
  const { t } = useTranslation();
  return (
    <Routes>
      <Route index element={<AgreementsPage />} />
      <Route path="agreements/:id" element={<AgreementPage />} />
      <Route path="meetings/:id" element={<MeetingPage />} />
      <Route path="areas/:area" element={<AreaPage />} />
      <Route path=":orgId" element={<PartnerPage />} />
      <Route path="*" element={<EmptyState title={t('app.notFound')} />} />
    </Routes>
  );
}
