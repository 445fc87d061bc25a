import { usePasswordCostForTests } from '../../src/modules/access/access.passwords.js';

// In every test file: passwords hashed at 1 MiB rather than 32 (see usePasswordCostForTests). Commands and servers
// the tests start as processes hash at the full cost, which src/cli/cli.test.ts checks.
usePasswordCostForTests(2 ** 10);
