// Copies the files the built program reads at run time (SQL migrations) next to the compiled code.
import { chmodSync, cpSync } from 'node:fs';

cpSync('src/storage/migrations', 'dist/storage/migrations', { recursive: true });
chmodSync('dist/main.js', 0o755);
