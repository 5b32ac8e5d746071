/**
 * Argument parsers and the shape every command shares. A value a parser refuses, an unknown
 * option and a missing argument all end the command with exit code 2 and one line saying what
 * was wrong (run.ts), before anything is opened.
 */
import { InvalidArgumentError, Option } from 'commander';
import type { Command } from 'commander';
import type { Role } from '../domain/models.ts';
import { ROLES } from '../services/users-admin.ts';

export function isoDate(value: string): number {
  const t = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(t))
    throw new InvalidArgumentError('expected an ISO-8601 date, e.g. 2026-01-31T12:00:00Z');
  return t;
}

export function positiveInt(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

export function roleList(value: string): Role[] {
  const roles = value
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const bad = roles.filter((r) => !ROLES.includes(r as Role));
  if (bad.length || !roles.length) throw new InvalidArgumentError(`roles are a comma list of ${ROLES.join(', ')}`);
  return roles as Role[];
}

/** An option whose value must be one of `values` (commander refuses others, naming them). */
export function choice(flags: string, description: string, values: readonly string[]): Option {
  return new Option(flags, description).choices(values);
}

/** A subcommand of `parent` with `--json`; every command has it. */
export function leaf(parent: Command, nameAndArgs: string, description: string): Command {
  return parent.command(nameAndArgs).description(description).option('--json', 'print JSON');
}

export interface JsonOpt {
  json?: boolean;
}
