/**
 * The `omnihook` program and how it ends. Exit codes: 0 done; 1 the command failed (an unknown
 * id, a database that cannot be reached, a doctor finding); 2 the command line or the
 * configuration is wrong (unknown option or command, a refused value, a missing argument, a bad
 * environment variable), answered before anything is opened.
 *
 * With `--json` an error is printed as JSON on stderr too ({ success: false, error, errorType }),
 * the shape the HTTP API answers, so a script parses one format.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { ConfigError } from '../config/index.ts';
import { AppError } from '../domain/errors.ts';
import { VERSION } from '../version.ts';
import { leaf } from './args.ts';
import type { JsonOpt } from './args.ts';
import { CliError, withServices } from './context.ts';
import { deliveryCommands } from './deliveries.ts';
import { doctorCommand } from './doctor.ts';
import { endpointCommands } from './endpoints.ts';
import { print } from './output.ts';
import { userCommands } from './users.ts';

export function buildCli(): Command {
  const program = new Command('omnihook')
    .version(VERSION)
    .description('Omnihook livechat server and webhook operations')
    // unknown options, commands and refused values throw (ending in exit code 2, below)
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      outputError: (text, write) => write(`omnihook: ${text.replace(/^error: /, '')}`),
    });

  program
    .command('serve')
    .description('start the server (same as npm start)')
    .action(async () => {
      const main = await import('../main.ts');
      await main.run();
    });

  leaf(program, 'migrate', 'create the database if needed, apply its migrations and exit').action((o: JsonOpt) =>
    withServices(async () => print(o.json, { migrated: true }, () => ['migrations applied']), { create: true }),
  );

  endpointCommands(program);
  deliveryCommands(program);
  userCommands(program);
  doctorCommand(program);
  return program;
}

function fail(json: boolean, exitCode: 1 | 2, message: string, errorType?: string): void {
  process.stderr.write(
    json
      ? `${JSON.stringify({ success: false, error: message, ...(errorType ? { errorType } : {}) })}\n`
      : `omnihook: ${message}${errorType ? ` [${errorType}]` : ''}\n`,
  );
  process.exitCode = exitCode;
}

export async function runCli(argv: string[]): Promise<void> {
  const json = argv.includes('--json');
  try {
    await buildCli().parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here too, successfully; commander has already printed its message
      process.exitCode = err.exitCode === 0 ? 0 : 2;
    } else if (err instanceof AppError) {
      fail(json, 1, err.message, err.code);
    } else if (err instanceof CliError) {
      fail(json, err.exitCode, err.message);
    } else if (err instanceof ConfigError) {
      fail(json, 2, `invalid configuration: ${err.message}`);
    } else if (err instanceof InvalidArgumentError) {
      fail(json, 2, err.message);
    } else {
      throw err;
    }
  }
}
