/** The TypeScript text of schema/report.schema.json's types, in the repository's style. */
export function schemaTypes(): Promise<string>;
/** Where `npm run schema-types` writes it: schema/report.ts. */
export const OUT: string;
