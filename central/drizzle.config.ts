import { defineConfig } from 'drizzle-kit';

/** Central's migrations (PostgreSQL dialect; the same SQL runs on PGlite). `npx drizzle-kit generate --config central/drizzle.config.ts` */
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./central/db/schema.ts', './central/hall/schema.ts'],
  out: './central/migrations',
});
