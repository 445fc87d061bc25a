import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../src/modules/access/access.schema.js';
import { EVERY_ROLE } from './every-role.js';

describe('EVERY_ROLE', () => {
  it('is the server’s list of roles, so a new role is not left out of what every role may open', () => {
    expect([...EVERY_ROLE].sort()).toEqual([...ROLES].sort());
  });
});
