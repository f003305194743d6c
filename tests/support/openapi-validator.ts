import Ajv2020 from 'ajv/dist/2020.js';

/**
 * Validates data against the component schemas of the portal's OpenAPI 3.1 document with a JSON
 * Schema 2020-12 validator (ajv, strict). Formats are defined here so no extra package is needed.
 */
export type ValidateFn = ((data: unknown) => boolean) & { errors?: unknown };

const FORMATS: Record<string, (s: string) => boolean> = {
  'date-time': (s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(s) && !Number.isNaN(Date.parse(s)),
  date: (s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s,
  uri: (s) => /^[a-z][a-z0-9+.-]*:/i.test(s) && URL.canParse(s),
  uuid: (s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s),
};

export function loadValidator(doc: object): { dialect: '2020-12'; schema(name: string): ValidateFn } {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  ajv.addVocabulary(['openapi', 'jsonSchemaDialect', 'info', 'servers', 'tags', 'paths', 'components']);
  for (const [name, fn] of Object.entries(FORMATS)) ajv.addFormat(name, fn);
  ajv.addSchema({ ...doc, $id: 'urn:dauys:openapi' });
  return {
    dialect: '2020-12',
    schema(name) {
      const v = ajv.getSchema(`urn:dauys:openapi#/components/schemas/${name}`);
      if (!v) throw new Error(`no schema ${name}`);
      return v as ValidateFn;
    },
  };
}
