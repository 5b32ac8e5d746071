/**
 * The `omnihook` command. It opens the same store as the server (DATABASE_URL), so an operator
 * can inspect and act on webhooks while the server runs: SQLite's WAL lets a second process read
 * and write alongside it, and PostgreSQL is shared by design. Sends happen in the server's worker;
 * the CLI only queues them (replay, recover, test), except `serve` and the test of the built-in
 * endpoint. The commands are in src/cli/: run.ts builds the program, one file per command group.
 */
import { runCli } from './cli/run.ts';

await runCli(process.argv);
