/** A generated file: its repository-relative path and exact content. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

/** A generator derives files from the schema or the service catalog; it never reads what it writes. */
export interface Generator {
  readonly name: string;
  generate(): GeneratedFile[];
}
