#!/usr/bin/env node
'use strict';
// The CLI runs from the esbuild bundle (fast start-up); `npm ci` builds it via `prepare`.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { execFileSync } = require('node:child_process');

const bundle = join(__dirname, '..', 'dist', 'cli.js');
if (!existsSync(bundle)) {
  execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'build.mjs')], { stdio: 'inherit' });
}
require(bundle).cli(process.argv.slice(2));
