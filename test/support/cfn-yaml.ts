/**
 * Moved to cli/cloudformation/yaml.ts (the CLI ships it). Kept as a re-export for tests outside the template area
 * (test/custom-resource) until their owners import from there.
 */
export { loadCfnTemplate, parseCfnYaml, type CfnTemplate } from '../../cli/cloudformation/yaml';
