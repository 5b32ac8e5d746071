#!/usr/bin/env node
// The `omnihook` command: loads the TypeScript CLI through tsx (a dependency), so the same source
// runs as `npm start` does, with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
