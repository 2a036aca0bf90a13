import type { ValidationIssue } from '../core/errors';

/** Collects every problem so the user sees them all at once. */
export class Issues {
  readonly list: ValidationIssue[] = [];

  add(property: string, value: unknown, message: string): void {
    this.list.push({ property, value, message });
  }

  get count(): number {
    return this.list.length;
  }
}
