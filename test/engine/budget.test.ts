import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_TUNING } from '../../resource-type/operations/tuning';

const schema = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../schema/org-security-servicekmskeys.json'), 'utf8')) as {
  handlers: Record<string, { timeoutInMinutes?: number }>;
};

/** CloudFormation's default when a handler declares no timeout (resource schema docs). */
const DEFAULT_TIMEOUT_MINUTES = 120;
const timeoutMs = (handler: string) => (schema.handlers[handler].timeoutInMinutes ?? DEFAULT_TIMEOUT_MINUTES) * 60_000;

describe('engine time budget vs the schema handler timeouts', () => {
  test('a create gives up and finishes its clean-up (up to the budget again) before CloudFormation times it out', () => {
    expect(2 * DEFAULT_TUNING.operationBudgetMs).toBeLessThan(timeoutMs('create'));
  });

  test('update and delete give up before their handler timeouts', () => {
    expect(DEFAULT_TUNING.operationBudgetMs).toBeLessThan(timeoutMs('update'));
    expect(DEFAULT_TUNING.operationBudgetMs).toBeLessThan(timeoutMs('delete'));
  });

  test('a replica key set stops waiting for its primary well within the budget', () => {
    expect(DEFAULT_TUNING.primaryWaitMs).toBeLessThan(DEFAULT_TUNING.operationBudgetMs);
  });
});
