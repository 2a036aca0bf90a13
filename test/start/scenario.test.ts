/** What `start` deploys: the scenario stacks, or --template rendered for each Region it belongs in. */
import * as path from 'node:path';
import { buildDeployments, type ScenarioOptions } from '../../cli/start/scenario';

const ROOT = path.resolve(__dirname, '../..');
const base: ScenarioOptions = {
  accountId: '111111111111',
  primaryRegion: 'eu-west-1',
  replicaRegion: 'eu-central-1',
  parameters: {},
  adminArn: 'arn:aws:iam::111111111111:role/KeyAdmin',
  fictionalPrincipals: true,
  cwd: ROOT,
};
const where = (options: ScenarioOptions) => buildDeployments(options).map((d) => `${d.stackName} ${d.target.region} ${d.role}`);

test('the default run: the multi-Region scenario as primary and replica, the cross-account scenario once', () => {
  expect(where(base)).toEqual([
    'kms-multi-region eu-west-1 primary',
    'kms-multi-region eu-central-1 replica',
    'kms-cross-account eu-west-1 single',
  ]);
});

test('--template deploys a replica only when the key set is multi-Region', () => {
  expect(where({ ...base, template: 'templates/org-wide.yaml' })).toEqual(['kms-org-wide eu-west-1 single']);
  expect(where({ ...base, template: 'templates/org-wide.yaml', parameters: { PrimaryRegion: 'eu-west-1' } })).toEqual([
    'kms-org-wide eu-west-1 primary',
    'kms-org-wide eu-central-1 replica',
  ]);
  expect(where({ ...base, template: 'templates/minimal.yaml' })).toEqual(['kms-minimal eu-west-1 single']);
});
