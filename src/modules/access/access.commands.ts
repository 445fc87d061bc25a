import { defineCommand } from '../../cli/command.js';
import { AppError } from '../../errors.js';
import { lockUser, unlockUser } from './access.lock.js';
import { ROLES, type Role } from './access.schema.js';
import { createToken, createUser } from './access.service.js';
import { setPassword, type EndedAccess } from './access.sessions.js';

const endedText = (e: EndedAccess): string => `${e.endedSessions} session(s) and ${e.endedTokens} API token(s) ended`;

const email = { type: 'string', value: 'E', required: true, help: "the user's email address" } as const;

export const userCreateCommand = defineCommand({
  name: ['user', 'create'],
  summary: 'create a user with one membership',
  description: 'create a user with one membership (national scope); with `--password-stdin` the password is read from standard input',
  options: {
    email,
    role: { type: 'string', value: 'ROLE', required: true, help: `one of ${ROLES.join(', ')}` },
    org: { type: 'string', value: 'ID', help: "the membership's organisation" },
    name: { type: 'string', value: 'N', help: 'the name shown (the email when absent)' },
    'password-stdin': { type: 'boolean', help: 'read a password from standard input (without it the user has none yet)' },
  },
  handler: async (args, { open, call, stdout, readStdin }) => {
    // Checked here rather than as the option's choices: the error names the field as the API's does.
    if (!(ROLES as readonly string[]).includes(args.role)) throw new AppError('validation_failed', `--role must be one of ${ROLES.join(', ')} (got "${args.role}").`, { errors: [{ path: '/role', message: `must be one of ${ROLES.join(', ')}` }] });
    const { database } = await open();
    const password = args['password-stdin'] ? await readStdin() : undefined;
    const user = await createUser(database, call, { email: args.email, name: args.name ?? args.email, memberships: [{ role: args.role as Role, organizationId: args.org ?? null }], ...(password === undefined ? {} : { password }) });
    stdout.write(`Created user ${args.email} (${args.role}), id ${user.id}${password === undefined ? '; no password yet (use --password-stdin to set one)' : ''}.\n`);
    return 0;
  },
});

export const userPasswordCommand = defineCommand({
  name: ['user', 'password'],
  summary: "set a password (read from standard input); ends the user's sessions and API tokens",
  description: "set a user's password from standard input (never on the command line); ends their sessions and API tokens",
  options: { email, 'password-stdin': { type: 'boolean', required: true, help: 'read the new password from standard input: `printf %s "new passphrase" | carebridge user password …`' } },
  handler: async (args, { open, call, stdout, readStdin }) => {
    const ended = await setPassword((await open()).database, call, args.email, await readStdin());
    stdout.write(`Password set for ${args.email}; ${endedText(ended)}.\n`);
    return 0;
  },
});

export const userLockCommand = defineCommand({
  name: ['user', 'lock'],
  summary: 'end every session and API token of the user and disable sign-in',
  description: 'end every session and API token of the user and disable sign-in until `user unlock` (same as `POST /api/v1/users/:id/lock`, or Lock on the web Users page); audited',
  options: { email },
  handler: async (args, { open, call, stdout }) => {
    const ended = await lockUser((await open()).database, call, { email: args.email });
    stdout.write(`Locked ${args.email}: ${endedText(ended)}; sign-in is disabled until \`carebridge user unlock\`.\n`);
    return 0;
  },
});

export const userUnlockCommand = defineCommand({
  name: ['user', 'unlock'],
  summary: 'let a locked user sign in again (ended sessions and tokens stay ended)',
  description: 'let a locked user sign in again; the sessions and tokens the lock ended stay ended',
  options: { email },
  handler: async (args, { open, call, stdout }) => {
    await unlockUser((await open()).database, call, { email: args.email });
    stdout.write(`Unlocked ${args.email}: they can sign in again (ended sessions and tokens stay ended).\n`);
    return 0;
  },
});

export const tokenCreateCommand = defineCommand({
  name: ['token', 'create'],
  summary: 'print a new API token on the last line',
  description: 'print a new API token alone on the last line',
  options: {
    email: { ...email, help: 'the user the token acts as' },
    name: { type: 'string', value: 'N', help: "the token's name, to tell it apart in the list" },
    'expires-days': { type: 'integer', value: 'D', help: 'days until it expires (never when absent)' },
  },
  handler: async (args, { open, call, stdout, stderr }) => {
    const token = await createToken((await open()).database, call, { email: args.email, ...(args.name === undefined ? {} : { name: args.name }), ...(args['expires-days'] === undefined ? {} : { expiresDays: args['expires-days'] }) });
    stderr.write(`Token for ${args.email}${token.expires_at === null ? '' : `, expires ${token.expires_at}`}. It is shown once:\n`);
    stdout.write(`${token.token}\n`);
    return 0;
  },
});
