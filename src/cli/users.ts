/** `omnihook users ...`: what an admin locked out of the UI needs, on the same store. */
import type { Command } from 'commander';
import type { Role } from '../domain/models.ts';
import { ROLES } from '../services/users-admin.ts';
import { leaf, roleList } from './args.ts';
import type { JsonOpt } from './args.ts';
import { withServices } from './context.ts';
import { print, table } from './output.ts';

export function userCommands(program: Command): void {
  const users = program.command('users').description('staff users (for an admin locked out of the UI)');
  leaf(users, 'list', 'list staff users')
    .option('--text <text>', 'match username, name or e-mail')
    .action((o: JsonOpt & { text?: string }) =>
      withServices(async (s) => {
        const r = await s.usersAdmin.list({ text: o.text, count: 1000, offset: 0 });
        print(o.json, r, () => [
          ...table(
            ['USERNAME', 'NAME', 'EMAIL', 'ROLES', 'ACTIVE'],
            r.users.map((u) => [
              u.username,
              u.name,
              u.emails?.[0]?.address,
              u.roles.join(','),
              u.active ? 'yes' : 'no',
            ]),
          ),
          `${r.users.length} of ${r.total}`,
        ]);
      }),
    );
  leaf(users, 'create', 'create a staff user')
    .requiredOption('--username <username>')
    .requiredOption('--password <password>', 'at least 8 characters')
    .option('--name <name>')
    .option('--email <email>')
    .option('--roles <roles>', `comma list of ${ROLES.join(', ')}`, roleList)
    .action((o: JsonOpt & { username: string; password: string; name?: string; email?: string; roles?: Role[] }) =>
      withServices(async (s) => {
        const { json: _json, ...input } = o;
        const u = await s.users.create(input);
        print(o.json, { user: { _id: u._id, username: u.username, roles: u.roles } }, () => [
          `created ${u.username} (${u._id}) with roles ${u.roles.join(',')}`,
        ]);
      }),
    );
  leaf(users, 'reset-password <username>', "set a user's password (ends their sessions)")
    .option('--password <password>', 'the new password; generated and printed once when omitted')
    .action((username: string, o: JsonOpt & { password?: string }) =>
      withServices(async (s) => {
        const u = await s.usersAdmin.info({ username });
        const r = await s.usersAdmin.resetPassword(u._id, o.password);
        // printed only when generated: a password given on the command line is already known
        const generated = o.password ? undefined : r.password;
        print(o.json, { username: u.username, ...(generated ? { password: generated } : {}) }, () => [
          generated ?? `password of ${u.username} changed`,
        ]);
      }),
    );
  leaf(users, 'set-roles', "replace a user's roles")
    .argument('<username>')
    .argument('<roles>', `comma list of ${ROLES.join(', ')}`, roleList)
    .action((username: string, roles: Role[], o: JsonOpt) =>
      withServices(async (s) => {
        const u = await s.usersAdmin.info({ username });
        const next = await s.usersAdmin.update(u._id, { roles });
        print(o.json, { username: next.username, roles: next.roles }, () => [
          `${next.username}: ${next.roles.join(',')}`,
        ]);
      }),
    );
}
