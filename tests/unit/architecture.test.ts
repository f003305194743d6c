import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The lint rule that keeps imports flowing one way (routes -> services/domain -> db) is itself tested.
describe('import directions', () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const lint = async (file: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: file });
    return result!.messages.filter((m) => m.ruleId?.startsWith('no-restricted')).map((m) => m.ruleId);
  };

  it('refuses Remix, the queue, services and process.env in the domain', async () => {
    expect(await lint('app/domain/petitions/x.ts', "import { json } from '@remix-run/node';\nexport const a = json;\n")).toHaveLength(1);
    expect(await lint('app/domain/petitions/x.ts', "import { Queue } from 'bullmq';\nexport const a = Queue;\n")).toHaveLength(1);
    expect(await lint('app/domain/petitions/x.ts', "import { getEnv } from '../../services/env.server';\nexport const a = getEnv;\n")).toHaveLength(1);
    expect(await lint('app/domain/petitions/x.ts', 'export const a = process.env.X;\n')).toHaveLength(1);
  });

  it('refuses SQL and the queue in routes, and the app in db/', async () => {
    expect(await lint('app/routes/x.tsx', "import { sql } from 'drizzle-orm';\nexport const a = sql;\n")).toHaveLength(1);
    expect(await lint('app/routes/x.tsx', "import { units } from '../../db/schema';\nexport const a = units;\n")).toHaveLength(1);
    expect(await lint('db/schema/x.ts', "import { getEnv } from '../../app/services/env.server';\nexport const a = getEnv;\n")).toHaveLength(1);
  });

  it('allows the permitted directions', async () => {
    expect(await lint('app/routes/x.tsx', "import { listRegions } from '../domain/reference/queries.server';\nexport const a = listRegions;\n")).toEqual([]);
    expect(await lint('app/domain/x/y.ts', "import { units } from '../../../db/schema';\nexport const a = units;\n")).toEqual([]);
  });
});
