import { modelsGenerator } from './models';
import { resourceDocGenerator } from './resource-doc';
import { roleGenerator } from './role';
import { servicesDocGenerator } from './services-doc';
import type { Generator } from './types';
import { wiringGenerator } from './wiring';

/**
 * Every generator, in the order they run. Each issue adds its own here:
 * models (resource-type/model/models.ts), resource docs, services docs, handler role.
 */
export const GENERATORS: readonly Generator[] = [
  modelsGenerator,
  resourceDocGenerator,
  servicesDocGenerator,
  roleGenerator,
  wiringGenerator,
];
