/**
 * Loads CloudFormation YAML templates, turning short-form intrinsic tags (`!Ref`, `!Sub`, `!GetAtt`, …) into
 * their long JSON form (`{ Ref: … }`, `{ 'Fn::Sub': … }`). Uses the `core` schema so `2010-09-09` stays a string.
 */
import { readFileSync } from 'node:fs';
import { parse, type ScalarTag, type CollectionTag, type Tags } from 'yaml';

/** Short tags CloudFormation accepts, mapped to the long-form key they expand to. */
const FUNCTION_TAGS: Record<string, string> = {
  Ref: 'Ref',
  Condition: 'Condition',
  Base64: 'Fn::Base64',
  Cidr: 'Fn::Cidr',
  FindInMap: 'Fn::FindInMap',
  GetAtt: 'Fn::GetAtt',
  GetAZs: 'Fn::GetAZs',
  ImportValue: 'Fn::ImportValue',
  Join: 'Fn::Join',
  Select: 'Fn::Select',
  Split: 'Fn::Split',
  Sub: 'Fn::Sub',
  Transform: 'Fn::Transform',
  And: 'Fn::And',
  Equals: 'Fn::Equals',
  If: 'Fn::If',
  Not: 'Fn::Not',
  Or: 'Fn::Or',
  Length: 'Fn::Length',
  ToJsonString: 'Fn::ToJsonString',
  ForEach: 'Fn::ForEach',
};

/** `!GetAtt Res.Attr.Path` is short for `Fn::GetAtt: [Res, Attr.Path]` (the first dot splits). */
function getAttScalar(value: string): string[] {
  const dot = value.indexOf('.');
  if (dot < 1) throw new Error(`!GetAtt ${value}: expected <LogicalId>.<Attribute>`);
  return [value.slice(0, dot), value.slice(dot + 1)];
}

function buildTags(): Tags {
  const tags: Array<ScalarTag | CollectionTag> = [];
  for (const [short, long] of Object.entries(FUNCTION_TAGS)) {
    const tag = `!${short}`;
    tags.push({
      tag,
      resolve: (value: string) => ({ [long]: short === 'GetAtt' ? getAttScalar(value) : value }),
    } as ScalarTag);
    tags.push({
      tag,
      collection: 'seq',
      resolve: (seq: { toJSON(): unknown }) => ({ [long]: seq.toJSON() }),
    } as unknown as CollectionTag);
    tags.push({
      tag,
      collection: 'map',
      resolve: (map: { toJSON(): unknown }) => ({ [long]: map.toJSON() }),
    } as unknown as CollectionTag);
  }
  return tags;
}

const CUSTOM_TAGS = buildTags();

/** Parses CloudFormation YAML text into plain JSON-shaped data. */
export function parseCfnYaml(text: string): unknown {
  return parse(text, { customTags: CUSTOM_TAGS, schema: 'core', uniqueKeys: true, maxAliasCount: -1 });
}

/** A CloudFormation template after parsing (only the sections our checks read are typed). */
export interface CfnTemplate {
  AWSTemplateFormatVersion?: string;
  Description?: string;
  Parameters?: Record<string, { Type: string; Default?: unknown; [key: string]: unknown }>;
  Conditions?: Record<string, unknown>;
  Mappings?: Record<string, unknown>;
  Resources: Record<
    string,
    { Type: string; Properties?: Record<string, unknown>; Condition?: string; DependsOn?: string | string[]; [key: string]: unknown }
  >;
  Outputs?: Record<string, { Value: unknown; Condition?: string; Export?: { Name: unknown }; Description?: string }>;
}

/** Reads and parses a CloudFormation YAML template file. */
export function loadCfnTemplate(path: string): CfnTemplate {
  const data = parseCfnYaml(readFileSync(path, 'utf8'));
  if (typeof data !== 'object' || data === null || !('Resources' in data)) {
    throw new Error(`${path}: not a CloudFormation template (no Resources section)`);
  }
  return data as CfnTemplate;
}
