import type { Role } from '../../../src/modules/access/access.schema.js';
import { hasAnyRole, useSession } from '../access/use-session.js';

/** Who may record agreements, documents, meetings and action-item changes: as the routes allow (src/modules/partnerships/partnerships.access.ts). */
export const PARTNERSHIP_WRITERS: readonly Role[] = ['admin', 'coordinator'];

/** Whether the signed-in user may write here (forms and buttons are shown only then); the server still refuses anyone else. */
export function usePartnershipWriter(): { canWrite: boolean; pending: boolean } {
  const session = useSession();
  return { canWrite: hasAnyRole(session.data, PARTNERSHIP_WRITERS), pending: session.isPending };
}
