/**
 * Node flags the server runs with (`npm start` passes the same; test/unit/node-flags.test.ts
 * checks that package.json does).
 *
 * `--max-semi-space-size=4` (MB): V8's young generation grows to 16 MB semi-spaces per isolate
 * under a server's allocation rate, and the server has three isolates (API, delivery thread,
 * checkpointer). Measured on a server draining 30,000 deliveries (bench/delivery-load.ts --only
 * backlog-server): RSS peak 315 MB with the default, 307 MB with 8, 280 MB with 4; an idle server
 * 277 MB against 237 MB. Issue 16 bounds a server at 300 MB through a 1,000,000 backlog.
 * Flags of the main isolate only take effect on the command line (a flag set at run time reaches
 * only the threads started afterwards), hence a start flag rather than code.
 *
 * `--enable-source-maps`: the server runs as a bundle (scripts/build-server.ts); with the maps,
 * a stack trace in a log names the src/ file and line, not a line of dist/server/chunk-*.js.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4', '--enable-source-maps'];
