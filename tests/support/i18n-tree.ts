/** Helpers for tests of the translation files: a nested message tree flattened to dotted keys. */
export type Tree = { [k: string]: string | Tree };

/** i18next plural suffixes: a key's plural forms count as one key when comparing languages. */
export const PLURAL = /_(zero|one|two|few|many|other)$/;

export function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}
