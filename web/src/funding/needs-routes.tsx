import { Route, Routes } from 'react-router';
import { hasAnyRole, useSession } from '../access/use-session.js';
import { NotForRole } from '../app/states.js';
import { NEED_RAISER_ROLES } from '../../../src/modules/needs/needs.schema.js';
import { NeedForm } from './need-form.js';
import { NeedGapsPage } from './need-gaps-page.js';
import { NeedListPage } from './need-list-page.js';
import { NeedPage } from './need-page.js';
import './funding.css';

/** /needs: the list, the gap analysis, a new need (coordinators, and reporters for their facilities), one need. */
export function NeedsRoutes() {
  const session = useSession();
  return (
    <Routes>
      <Route index element={<NeedListPage />} />
      <Route path="gaps" element={<NeedGapsPage />} />
      <Route path="new" element={hasAnyRole(session.data, NEED_RAISER_ROLES) ? <NeedForm /> : <NotForRole roles={NEED_RAISER_ROLES} />} />
      <Route path=":id" element={<NeedPage />} />
    </Routes>
  );
}
