#!/usr/bin/env node
import { runCli } from './cli.js';
import { exitAfterOutput } from './exit.js';

runCli(process.argv).then(exitAfterOutput);
